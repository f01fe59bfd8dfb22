import { redactCredentials } from "../core/secrets.js";
import type { ErrorKind } from "../core/snapshot.js";

// Denial codes differ by service: EC2, S3, Lambda/Logs/Beanstalk, IAM/STS.
const DENIED = new Set([
  "UnauthorizedOperation",
  "AccessDenied",
  "AccessDeniedException",
  "AuthorizationError",
  "Forbidden",
  "UnauthorizedAccess",
  "InsufficientPrivilegesException",
  "OptInRequired",
  "NotAuthorized",
]);

const THROTTLED = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ProvisionedThroughputExceededException",
  "EC2ThrottledException",
]);

const CREDENTIALS = new Set([
  "CredentialsProviderError",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "InvalidAccessKeyId",
  "InvalidToken",
  "AuthFailure",
  "TokenRefreshRequired",
  "InvalidSignatureException",
  "MissingAuthenticationToken",
  "IncompleteSignature",
  // EC2's answer to a request signed with temporary credentials that have expired.
  "RequestExpired",
]);

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ECONNABORTED",
]);

const TIMEOUT_CODES = new Set(["ETIMEDOUT", "TimeoutError", "RequestTimeout", "RequestTimeoutException"]);

export interface ClassifiedError {
  kind: ErrorKind;
  code: string;
  message: string;
}

/**
 * What an error thrown by an SDK call means to a student; `null` for anything that
 * did not come from the SDK or the network, which is a bug of ours and must crash.
 */
export function classifyAwsError(err: unknown): ClassifiedError | null {
  if (!(err instanceof Error)) return null;
  const e = err as Error & { code?: string; $metadata?: unknown; $fault?: string; $response?: unknown; errno?: number };
  const name = e.name;
  const code = typeof e.code === "string" ? e.code : undefined;
  const message = redactCredentials(e.message.split("\n")[0]!).slice(0, 300);
  if (DENIED.has(name) || DENIED.has(code ?? "")) return { kind: "denied", code: name, message };
  if (THROTTLED.has(name)) return { kind: "throttled", code: name, message };
  if (CREDENTIALS.has(name)) return { kind: "credentials", code: name, message };
  if (code && NETWORK_CODES.has(code)) return { kind: "network", code, message };
  if (TIMEOUT_CODES.has(name) || (code && TIMEOUT_CODES.has(code))) return { kind: "timeout", code: code ?? name, message };
  // Our run's deadline aborted the call (see collect.ts): the SDK says AbortError, the reason is ours.
  if (name === "AbortError") {
    const reason = e.cause instanceof Error ? e.cause.message : message;
    return { kind: "timeout", code: "DeadlineExceeded", message: reason.slice(0, 300) };
  }
  // An AggregateError wraps ECONNREFUSED when both IPv4 and IPv6 were tried.
  if (err instanceof AggregateError) {
    const inner = err.errors.map(classifyAwsError).find((c) => c !== null);
    if (inner) return inner;
  }
  if (e.$metadata !== undefined || e.$fault !== undefined || e.$response !== undefined) {
    const status = (e.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode;
    if (status === 403) return { kind: "denied", code: name, message };
    // No AWS error name: a body the SDK could not parse (or, for a TypeError or SyntaxError, one
    // its deserializer choked on: `null`, cut JSON). A 2xx with such a body is malformed; an error
    // status (a proxy's HTML page, an empty 502) is named by its status.
    if (name === "Error" || name === "Unknown" || name === "UnknownError" || name === "SyntaxError" || name === "TypeError") {
      const failed = status !== undefined && (status < 200 || status >= 300);
      return { kind: "api", code: failed ? `HTTP${status}` : "MalformedResponse", message };
    }
    return { kind: "api", code: name, message };
  }
  return null;
}

/**
 * For `.catch()`: an AWS error that means «not configured» or «not there» (S3's
 * NoSuchPublicAccessBlockConfiguration, Lambda's ResourceNotFoundException for a function with no
 * policy) becomes `value`, a fact about the resource rather than an error; any other is rethrown.
 */
export function absentAs<T>(code: string, value: T) {
  return (err: unknown): T => {
    if (err instanceof Error && err.name === code) return value;
    throw err;
  };
}
