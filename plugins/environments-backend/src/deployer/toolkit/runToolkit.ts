export async function runToolkit(
  _op: string,
  _args: unknown,
  _context: unknown,
): Promise<unknown> {
  throw new Error('not yet');
}
