/** Base class of every error scicomp throws on purpose (programmer errors use TypeError/RangeError). */
export class ScicompError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScicompError';
    this.code = code;
  }
}

export type LinAlgErrorCode = 'singular' | 'not-positive-definite' | 'no-convergence';

/** A linear-algebra outcome that has no answer: an exactly singular matrix, no convergence. */
export class LinAlgError extends ScicompError {
  declare readonly code: LinAlgErrorCode;

  constructor(code: LinAlgErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'LinAlgError';
  }
}
