/**
 * The one error shape every host returns. Core throws `WaymarkError`s; hosts turn them into
 * `{ code, message }` and back, so the renderer sees the same thing over IPC and HTTP.
 */

export const ERROR_CODES = ['NotFound', 'Invalid', 'Conflict', 'Unsupported', 'Unauthorized', 'Internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems for `Invalid`, as `path: message`. */
  issues?: string[];
}

export class WaymarkError extends Error {
  readonly code: ErrorCode;
  readonly issues: string[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: string[]) {
    super(message);
    this.name = `${code}Error`;
    this.code = code;
    this.issues = issues;
  }

  toBody(): ErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

export const notFound = (message: string): WaymarkError => new WaymarkError('NotFound', message);
export const invalid = (message: string, issues?: string[]): WaymarkError => new WaymarkError('Invalid', message, issues);
export const conflict = (message: string): WaymarkError => new WaymarkError('Conflict', message);
export const unsupported = (message: string): WaymarkError => new WaymarkError('Unsupported', message);

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(v.code);
}

/** Any thrown value as an ErrorBody; unknown failures become `Internal` without leaking internals. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof WaymarkError) return error.toBody();
  return { code: 'Internal', message: 'Something went wrong inside Waymark. Your last change may not have been saved.' };
}

/** HTTP status for each code (the browser host). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  NotFound: 404,
  Invalid: 400,
  Conflict: 409,
  Unsupported: 422,
  Unauthorized: 401,
  Internal: 500,
};
