/**
 * Kubernetes `Status` failures with the codes, reasons and message shapes kube-apiserver
 * uses (k8s.io/apimachinery/pkg/api/errors). Every error the embedded cluster answers is one
 * of these; anything else thrown inside a handler becomes a 500 InternalError.
 */

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string | undefined,
    message: string,
    readonly details?: StatusDetails,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toStatus(): Status {
    const status: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      code: this.code,
    };
    if (this.reason !== undefined) status.reason = this.reason;
    if (this.details !== undefined) status.details = this.details;
    return status;
  }
}

/** The qualified resource as error messages print it: `pods`, `deployments.apps`. */
export interface Qualified {
  group: string;
  resource: string;
}

function qualified(q: Qualified): string {
  return q.group === '' ? q.resource : `${q.resource}.${q.group}`;
}

function detailsFor(q: Qualified, name: string): StatusDetails {
  const d: StatusDetails = { name, kind: q.resource };
  if (q.group !== '') d.group = q.group;
  return d;
}

export function notFound(q: Qualified, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualified(q)} "${name}" not found`, detailsFor(q, name));
}

export function alreadyExists(q: Qualified, name: string): ApiError {
  return new ApiError(
    409,
    'AlreadyExists',
    `${qualified(q)} "${name}" already exists`,
    detailsFor(q, name),
  );
}

/** The optimistic-concurrency conflict of a stale resourceVersion. */
export function conflict(q: Qualified, name: string, why: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(q)} "${name}": ${why}`,
    detailsFor(q, name),
  );
}

export const STALE_OBJECT =
  'the object has been modified; please apply your changes to the latest version and try again';

export interface FieldError {
  /** `FieldValueInvalid`, `FieldValueRequired`, `FieldValueNotSupported`, `FieldValueForbidden`, `FieldValueDuplicate`, `FieldValueTooLong`. */
  type: string;
  field: string;
  /** The full text, e.g. `metadata.name: Invalid value: "A": a lowercase RFC 1123 …`. */
  message: string;
}

/** 422 Invalid, as `errors.NewInvalid(kind, name, errs)` prints it. */
export function invalid(kind: string, group: string, name: string, errs: FieldError[]): ApiError {
  const what = group === '' ? kind : `${kind}.${group}`;
  const list = errs.map((e) => e.message);
  const summary = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  const details: StatusDetails = {
    name,
    kind,
    causes: errs.map((e) => ({ reason: e.type, message: e.message, field: e.field })),
  };
  if (group !== '') details.group = group;
  return new ApiError(422, 'Invalid', `${what} "${name}" is invalid: ${summary}`, details);
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function forbidden(
  q: Qualified,
  name: string,
  why: string,
  causes?: StatusCause[],
): ApiError {
  const details = detailsFor(q, name);
  if (causes) details.causes = causes;
  return new ApiError(403, 'Forbidden', `${qualified(q)} "${name}" is forbidden: ${why}`, details);
}

export function methodNotAllowed(): ApiError {
  return new ApiError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
  );
}

export function unsupportedMediaType(contentType: string): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${contentType}`,
  );
}

export function gone(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

/**
 * 504 Timeout for a read at a resourceVersion the store has not reached, as
 * `storage.NewTooLargeResourceVersionError(minimumRV, currentRV, 1)` builds it on
 * `apierrors.NewTimeoutError` ("Timeout: " + message): client-go's reflector finds the
 * `ResourceVersionTooLarge` cause and relists with resourceVersion "". `Retry-After` repeats
 * `details.retryAfterSeconds`, as kube-apiserver's `ErrorNegotiated` copies it into the header.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/apiserver/pkg/storage/errors.go
 */
export function tooLargeResourceVersion(requested: number, current: number): ApiError {
  return new ApiError(
    504,
    'Timeout',
    `Timeout: Too large resource version: ${requested}, current: ${current}`,
    {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      retryAfterSeconds: 1,
    },
    { 'Retry-After': '1' },
  );
}

export function tooLarge(): ApiError {
  return new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
}

export function internal(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}

/** The resource not served at all: `the server could not find the requested resource`. */
export function unknownResource(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

/**
 * 422 Invalid as `errors.NewGenericServerResponse(422, …)` prints it: kube-apiserver's patch
 * handler answers this for a JSON patch that does not apply (a failed `test`, a missing path)
 * and for a strategic merge patch with a list of lists. That helper drops the underlying
 * message, so clients only ever see this fixed text.
 */
export function unprocessableEntity(): ApiError {
  return new ApiError(
    422,
    'Invalid',
    'the server rejected our request due to an error in our request',
    {},
  );
}
