import type { DomainErrorCode, FieldError } from '#domain';

/** Codes of api.md "Errors" plus the few HTTP-level ones this service adds. */
export type ProblemCode =
  | DomainErrorCode
  | 'UNAUTHENTICATED'
  | 'VERSION_CONFLICT'
  | 'SEARCH_LIMIT_EXCEEDED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'METHOD_NOT_ALLOWED'
  | 'TOO_MANY_REQUESTS'
  | 'REQUEST_TIMEOUT'
  | 'URI_TOO_LONG'
  | 'HEADERS_TOO_LARGE'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

const statusOf: Record<ProblemCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  VERSION_CONFLICT: 409,
  DUPLICATE_REQUEST: 409,
  INVALID_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HEADERS_TOO_LARGE: 431,
  SEARCH_LIMIT_EXCEEDED: 422,
  ASYNC_SEARCH_LIMIT: 422,
  EMAIL_NOT_REGISTERED: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

const titleOf: Record<ProblemCode, string> = {
  VALIDATION_FAILED: 'The request is not valid',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  REQUEST_TIMEOUT: 'Request not received in time',
  URI_TOO_LONG: 'Request path too long',
  HEADERS_TOO_LARGE: 'Request headers too large',
  VERSION_CONFLICT: 'Version conflict',
  DUPLICATE_REQUEST: 'Request id already used with other data',
  INVALID_TRANSITION: 'Not possible in the current state',
  PAYLOAD_TOO_LARGE: 'Request body too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  SEARCH_LIMIT_EXCEEDED: 'Too many matches for a synchronous search',
  ASYNC_SEARCH_LIMIT: 'Too many asynchronous searches kept',
  EMAIL_NOT_REGISTERED: 'No email address registered',
  TOO_MANY_REQUESTS: 'Too many attempts',
  INTERNAL_ERROR: 'Internal error',
  SERVICE_UNAVAILABLE: 'Service unavailable',
};

/** RFC 9457 problem details with the stable `code` of api.md. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  instance?: string;
  errors?: FieldError[];
}

/** An error that is already a client-facing problem. Thrown by the HTTP layer; mapped by the one filter. */
export class ApiProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }

  get status(): number {
    return statusOf[this.code];
  }
}

export function problemBody(code: ProblemCode, detail: string, errors?: FieldError[]): ProblemBody {
  return {
    type: `urn:orikaeshi:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: titleOf[code],
    status: statusOf[code],
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}
