/**
 * A small deterministic random source in [0, 1), so that a test's random
 * writes can be replayed from its seed.
 */
export function seededRandom(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}
