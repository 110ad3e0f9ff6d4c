import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Parses with zod, turning the first issue into a 400 naming the field. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  prefix?: string,
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const field =
      issue.code === 'unrecognized_keys'
        ? [path, issue.keys.join(', ')].filter(Boolean).join('.')
        : path || 'body';
    throw new InputError(`${field}: ${issue.message}`);
  }
  return result.data;
}

export const operationIdSchema = z.uuid();
