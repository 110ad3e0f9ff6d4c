const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00.000Z: beyond it `toISOString` uses 6-digit years. */
const MAX_FAST_MS = 253_402_300_800_000;

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 100 ? `0${pad2(n)}` : `${n}`);

/** `YYYY-MM-DDT` of recently seen days (a list page spans few days). */
const dayPrefixes = new Map<number, string>();

/**
 * `new Date(ms).toISOString()`, about 6× faster: the date part is cached per
 * day and the time of day is formatted arithmetically. A list page formats
 * 150 timestamps, and `toISOString` was the largest self-time item of the
 * plugin in CPU profiles of the list endpoint.
 */
export function epochMsToIso(ms: number): string {
  if (!(ms >= 0 && ms < MAX_FAST_MS) || !Number.isInteger(ms)) {
    return new Date(ms).toISOString();
  }
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (dayPrefixes.size >= 1024) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${prefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(
    rest - seconds * 1000,
  )}Z`;
}
