/** The time ranges the view offers, in seconds. */
export const TIME_RANGES = [
  { id: '15m', label: 'Last 15 minutes', seconds: 15 * 60 },
  { id: '1h', label: 'Last hour', seconds: 3600 },
  { id: '6h', label: 'Last 6 hours', seconds: 6 * 3600 },
  { id: '24h', label: 'Last 24 hours', seconds: 24 * 3600 },
  { id: '7d', label: 'Last 7 days', seconds: 7 * 24 * 3600 },
] as const;

export type TimeRangeId = (typeof TIME_RANGES)[number]['id'];

export interface TimeWindow {
  id: TimeRangeId;
  /** Unix seconds. */
  start: number;
  end: number;
  /** Query resolution in seconds (about 120 points). */
  step: number;
  /** `rate()` window: at least 4 steps and 1 minute. */
  rateWindow: string;
}

export function timeWindow(id: TimeRangeId, now = Date.now()): TimeWindow {
  const range = TIME_RANGES.find(r => r.id === id) ?? TIME_RANGES[1];
  const end = Math.floor(now / 1000);
  const step = Math.max(15, Math.round(range.seconds / 120));
  return {
    id: range.id,
    start: end - range.seconds,
    end,
    step,
    rateWindow: `${Math.max(60, step * 4)}s`,
  };
}
