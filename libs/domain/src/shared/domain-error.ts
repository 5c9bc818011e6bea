/** Stable error codes shared with the HTTP contract (api.md "Errors"). */
export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'DUPLICATE_REQUEST'
  | 'INVALID_TRANSITION'
  | 'ASYNC_SEARCH_LIMIT'
  | 'EMAIL_NOT_REGISTERED'
  | 'FORBIDDEN'
  | 'RECORDING_ALREADY_LINKED'
  /** Recordings: over the size limit, and content that is no accepted audio format. */
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE';

export interface FieldError {
  /** JSON path of the offending field, e.g. `memo` or `criteria.from`. */
  field: string;
  message: string;
}

/** A rule of the domain refused a command. Thrown by `decide` and by value-object parsing. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(fieldErrors: FieldError[]): DomainError {
    return new DomainError(
      'VALIDATION_FAILED',
      fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '),
      fieldErrors,
    );
  }
}
