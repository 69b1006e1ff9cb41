/** How an operation is declared: its input schema, a summary, its result type (phantom) and whether it mutates. */
import type { z } from 'zod';

export interface Operation<I extends z.ZodType, R> {
  readonly input: I;
  /** What the operation does, for humans and for scripts that list operations. */
  readonly summary: string;
  /** Phantom: carries the result type; never read at run time. */
  readonly result?: R;
  /** Whether the operation changes the workspace (hosts may use it, e.g. for backups). */
  readonly mutates: boolean;
}

export const query =
  <R>() =>
  <I extends z.ZodType>(input: I, summary: string): Operation<I, R> => ({ input, summary, mutates: false });
export const mutation =
  <R>() =>
  <I extends z.ZodType>(input: I, summary: string): Operation<I, R> => ({ input, summary, mutates: true });

