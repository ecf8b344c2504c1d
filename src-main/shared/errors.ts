/** Every error code that may cross the boundary between core and UI. */
export const errorCodes = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'SESSION_LOCKED',
  'PASSWORD_CHANGE_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION',
  /** A caregiver put on the rota before their pre-job training (岗前培训) is recorded. */
  'TRAINING_REQUIRED',
  'ACCOUNT_LOCKED',
  /** Too many attempts at once or in a row; `details.retryAfterSeconds` says when to try again. */
  'RATE_LIMITED',
  'BAD_CREDENTIALS',
  'SETUP_REQUIRED',
  'ALREADY_SET_UP',
  'DB_TOO_NEW',
  'DB_CORRUPT',
  'UNAVAILABLE',
  'INTERNAL',
  /** A billing month (or one resident's month) already has its invoices. */
  'ALREADY_ISSUED',
  /** Medication: a dose already has a record; a PRN dose is too soon or too many; kept stock is short. */
  'ALREADY_RECORDED',
  'PRN_LIMIT',
  'STOCK_SHORT',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface FieldError {
  /** Dotted path of the offending field, e.g. `admin.password` or `scores.3`. */
  path: string;
  message: string;
}

export interface ErrorData {
  code: ErrorCode;
  /** Shown to the user as is; Chinese by default and always says what to do next. */
  message: string;
  details?: { fieldErrors?: FieldError[]; [key: string]: unknown };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/**
 * Thrown inside the core and turned into `{ ok: false, error }` by the dispatcher.
 * `commit: true` keeps the transaction's writes (a failed login still counts the attempt).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorData['details'];
  readonly commit: boolean;
  constructor(
    code: ErrorCode,
    message: string,
    details?: ErrorData['details'],
    options?: { commit?: boolean },
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.commit = options?.commit ?? false;
  }
  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION', message, { fieldErrors: [{ path, message }] });
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
