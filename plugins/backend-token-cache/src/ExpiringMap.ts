/**
 * A map whose entries expire, holding at most `maxEntries`: when full, the
 * oldest set entry goes first (a Map keeps insertion order). The token
 * caches' one store.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(private readonly maxEntries: number) {}

  /** `key`'s value, unless it expired at or before `now` (then dropped). */
  get(key: string, now: number): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (now < hit.until) return hit.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Sets `key` until `until`, as the newest entry. */
  set(key: string, value: V, until: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, { value, until });
  }

  /** Brings `key`'s expiry forward to `until`, if its value is still `value`. */
  expireBy(key: string, value: V, until: number): void {
    const entry = this.entries.get(key);
    if (entry?.value === value) entry.until = Math.min(entry.until, until);
  }
}
