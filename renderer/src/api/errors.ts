/** Failures as the renderer shows them; free of DOM types so the store can be tested in plain Node. */
import { isErrorBody, type ErrorBody, type ErrorCode } from '../../../electron/api/errors.ts';

/** An error the workspace answered with, carrying its code and a message meant for people. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: string[] | undefined;
  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.issues = body.issues;
  }
}

/** The words to show a person for a failure. Validation problems name the fields, not the operation. */
export function messageOf(error: unknown): string {
  // ApiError over a host, or the engine's own WaymarkError when it runs in-process: both carry the error shape.
  const body = error instanceof Error ? { code: (error as Partial<ErrorBody>).code, message: error.message, issues: (error as Partial<ErrorBody>).issues } : null;
  if (body && isErrorBody(body)) {
    if (body.code === 'Invalid' && body.issues && body.issues.length > 0) return `Not saved: ${body.issues.join('; ')}.`;
    return body.message;
  }
  if (error instanceof Error) return `Something went wrong: ${error.message}`;
  return 'Something went wrong.';
}
