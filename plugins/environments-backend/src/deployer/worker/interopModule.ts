/**
 * The exports of a dynamically imported CommonJS module. Under Backstage's TypeScript
 * transform, Node's ESM loader sees only `default` of a transpiled module; in the built
 * output it sees named exports. Both are handled here.
 */
export function interopModule<T extends object>(mod: T): T {
  const fallback = (mod as { default?: unknown }).default;
  return fallback && typeof fallback === 'object'
    ? { ...(fallback as T), ...mod }
    : mod;
}
