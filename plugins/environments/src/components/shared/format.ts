const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 2,
});

/** `$1,234.56`, or an em dash when unknown. */
export function formatUsd(value: number | undefined): string {
  return value === undefined || value === null ? '—' : usd.format(value);
}

/** A date and time in the reader's locale, or an em dash. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** `12:03:04`: the time of an event, in the reader's locale. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}

/** `team-a` for `group:default/team-a`. */
export function shortRef(ref: string): string {
  return ref.replace(/^[^:]+:(default\/)?/, '');
}
