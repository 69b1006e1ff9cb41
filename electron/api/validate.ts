import type { z } from 'zod';
import { contract, type OperationName, type ParsedInput } from './contract.ts';
import { invalid } from './errors.ts';

/** Parse an operation's input against its schema; throws an `Invalid` WaymarkError naming each bad field. */
export function parseInput<K extends OperationName>(name: K, input: unknown): ParsedInput<K> {
  const schema: z.ZodType = contract[name].input;
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data as ParsedInput<K>;
  const issues = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    return path ? `${path} ${issue.message}` : issue.message;
  });
  throw invalid(`${name}: ${issues.join('; ')}`, issues);
}
