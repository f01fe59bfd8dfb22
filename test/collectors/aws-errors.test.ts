import { EC2ServiceException } from "@aws-sdk/client-ec2";
import { ExpiredTokenException, STSServiceException } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { classifyAwsError } from "../../src/collect/aws-errors.js";
import { PaginationLoopError } from "../../src/collect/clients.js";
import { MalformedResponseError } from "../../src/collect/pages.js";

// Errors as the SDK throws them: service exceptions carry name, $fault and $metadata; network
// failures are Node's system errors (code, syscall) with $metadata added by the retry layer;
// a body the SDK cannot parse is a plain Error with $metadata and a hidden $response.

const meta = (httpStatusCode?: number) => ({ ...(httpStatusCode ? { httpStatusCode } : {}), requestId: "req-1", attempts: 1, totalRetryDelay: 0 });

const service = (name: string, status: number, fault: "client" | "server" = status >= 500 ? "server" : "client") =>
  new EC2ServiceException({ name, $fault: fault, $metadata: meta(status), message: `${name} from the service` });

const system = (code: string, message: string, extra: object = {}) =>
  Object.assign(new Error(message), { code, errno: -1, syscall: "connect", ...extra });

function unparsed(status: number, message: string): Error {
  const err = Object.assign(new Error(message), { $metadata: meta(status) });
  Object.defineProperty(err, "$response", { value: { statusCode: status, headers: {} }, enumerable: false });
  return err;
}

describe("classifyAwsError", () => {
  it.each([
    // denied: every service's word for a missing permission
    { name: "EC2 UnauthorizedOperation", error: service("UnauthorizedOperation", 403), kind: "denied", code: "UnauthorizedOperation" },
    { name: "S3 AccessDenied", error: service("AccessDenied", 403), kind: "denied", code: "AccessDenied" },
    { name: "Lambda AccessDeniedException", error: service("AccessDeniedException", 403), kind: "denied", code: "AccessDeniedException" },
    { name: "Beanstalk InsufficientPrivilegesException", error: service("InsufficientPrivilegesException", 403), kind: "denied", code: "InsufficientPrivilegesException" },
    { name: "NotAuthorized (401)", error: service("NotAuthorized", 401), kind: "denied", code: "NotAuthorized" },
    { name: "an unknown code on HTTP 403", error: service("SomeNewDenial", 403), kind: "denied", code: "SomeNewDenial" },
    // throttled
    { name: "EC2 RequestLimitExceeded", error: service("RequestLimitExceeded", 503), kind: "throttled", code: "RequestLimitExceeded" },
    { name: "ThrottlingException", error: service("ThrottlingException", 400), kind: "throttled", code: "ThrottlingException" },
    { name: "S3 SlowDown", error: service("SlowDown", 503), kind: "throttled", code: "SlowDown" },
    // credentials
    { name: "STS ExpiredToken", error: new STSServiceException({ name: "ExpiredToken", $fault: "client", $metadata: meta(403), message: "The security token included in the request is expired" }), kind: "credentials", code: "ExpiredToken" },
    { name: "modeled ExpiredTokenException", error: new ExpiredTokenException({ $metadata: meta(400), message: "expired" }), kind: "credentials", code: "ExpiredTokenException" },
    { name: "EC2 RequestExpired (expired temporary credentials)", error: service("RequestExpired", 400), kind: "credentials", code: "RequestExpired" },
    { name: "EC2 AuthFailure", error: service("AuthFailure", 401), kind: "credentials", code: "AuthFailure" },
    { name: "InvalidClientTokenId on 403", error: service("InvalidClientTokenId", 403), kind: "credentials", code: "InvalidClientTokenId" },
    { name: "IncompleteSignature", error: service("IncompleteSignature", 403), kind: "credentials", code: "IncompleteSignature" },
    { name: "no credentials in the chain", error: Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }), kind: "credentials", code: "CredentialsProviderError" },
    // network
    { name: "connection refused", error: system("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:9", { $metadata: { attempts: 3 } }), kind: "network", code: "ECONNREFUSED" },
    { name: "DNS failure", error: system("ENOTFOUND", "getaddrinfo ENOTFOUND ec2.us-east-1.amazonaws.com", { syscall: "getaddrinfo" }), kind: "network", code: "ENOTFOUND" },
    { name: "connection reset", error: system("ECONNRESET", "socket hang up"), kind: "network", code: "ECONNRESET" },
    { name: "refused on IPv4 and IPv6 (AggregateError)", error: new AggregateError([system("ECONNREFUSED", "connect ECONNREFUSED ::1:9"), system("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:9")], ""), kind: "network", code: "ECONNREFUSED" },
    // timeout
    { name: "the handler's request timeout", error: Object.assign(new Error("@smithy/node-http-handler - [ERROR] a request has exceeded the configured 15000 ms requestTimeout."), { name: "TimeoutError", code: "ETIMEDOUT" }), kind: "timeout", code: "ETIMEDOUT" },
    { name: "the handler's socket timeout", error: Object.assign(new Error("the request socket timed out after 3000 ms of inactivity"), { name: "TimeoutError" }), kind: "timeout", code: "TimeoutError" },
    { name: "a system ETIMEDOUT", error: system("ETIMEDOUT", "connect ETIMEDOUT 203.0.113.1:443"), kind: "timeout", code: "ETIMEDOUT" },
    // api: AWS answered, with something else
    { name: "InvalidParameterValue", error: service("InvalidParameterValue", 400), kind: "api", code: "InvalidParameterValue" },
    { name: "InternalError", error: service("InternalError", 500), kind: "api", code: "InternalError" },
    { name: "an empty 502 the SDK calls Unknown", error: service("Unknown", 502), kind: "api", code: "HTTP502" },
    // malformed: a body the SDK could not parse
    { name: "a 200 with a non-XML body", error: unparsed(200, "@aws-sdk XML parse error: unexpected content.\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object."), kind: "api", code: "MalformedResponse" },
    { name: "a 500 HTML page from a proxy", error: unparsed(500, "@aws-sdk XML parse error: missing closing tag </html>."), kind: "api", code: "HTTP500" },
    { name: "cut JSON (the deserializer's SyntaxError)", error: Object.assign(unparsed(200, "Unterminated string in JSON at position 40"), { name: "SyntaxError" }), kind: "api", code: "MalformedResponse" },
    { name: "JSON null (the deserializer's TypeError)", error: Object.assign(unparsed(200, "Cannot read properties of null (reading 'NextMarker')"), { name: "TypeError" }), kind: "api", code: "MalformedResponse" },
    { name: "a listing whose tokens repeat", error: new PaginationLoopError("DescribeInstancesCommand: a token repeats"), kind: "api", code: "PaginationLoop" },
    { name: "a list that is not one", error: new MalformedResponseError("a page's list is a string"), kind: "api", code: "MalformedResponse" },
    // the run's deadline aborted the call (the SDK's AbortError, our reason as its cause)
    { name: "the run's deadline", error: Object.assign(new Error("Request aborted"), { name: "AbortError", cause: new Error("calificar stopped waiting for AWS after 90 s") }), kind: "timeout", code: "DeadlineExceeded" },
  ])("$name → $kind", ({ error, kind, code }) => {
    expect(classifyAwsError(error)).toEqual({ kind, code, message: expect.any(String) });
  });

  it.each([
    { name: "a plain Error", error: new Error("boom") },
    { name: "a TypeError", error: new TypeError("Cannot read properties of undefined") },
    { name: "a thrown string", error: "UnauthorizedOperation" },
    { name: "undefined", error: undefined },
    { name: "an object that only looks like an SDK error", error: { name: "AccessDenied", $metadata: { httpStatusCode: 403 } } },
  ])("$name is not the SDK's: null, so it crashes as our bug", ({ error }) => {
    expect(classifyAwsError(error)).toBeNull();
  });

  it("hides credentials an endpoint echoes in its message: access key ids, secret keys, session tokens", () => {
    const keyId = ["AS", "IA", "Z9YX8WV7UT6SR5QP"].join("");
    const echoed = service("AuthFailure", 401);
    echoed.message = `Credential=${keyId}/20260413/us-east-1/ec2/aws4_request token IQoJb3JpZ2luX2VjEPl4ntSessionTokenAbCdEf0123456789+/= key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`;
    const { message } = classifyAwsError(echoed)!;
    expect(message).not.toContain(keyId);
    expect(message).not.toContain("IQoJb3JpZ2luX2Vj");
    expect(message).not.toContain("wJalrXUtnFEMI");
    expect(message).toContain("[redacted]");
    // Ordinary messages keep their words, ARNs included.
    const plain = service("AccessDenied", 403);
    plain.message = "User: arn:aws:iam::123456789012:user/ana is not authorized to perform: ec2:DescribeVolumes";
    expect(classifyAwsError(plain)!.message).toBe(plain.message);
  });

  it("keeps only the first line of the message, at most 300 characters", () => {
    const classified = classifyAwsError(unparsed(200, "@aws-sdk XML parse error: unexpected content.\n  Deserialization error: see $response"));
    expect(classified?.message).toBe("@aws-sdk XML parse error: unexpected content.");
    const long = classifyAwsError(Object.assign(service("InternalError", 500), { message: "x".repeat(1000) }));
    expect(long?.message).toHaveLength(300);
  });
});
