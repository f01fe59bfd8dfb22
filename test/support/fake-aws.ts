import { buffer } from "node:stream/consumers";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isSeeding, learnSeedingKeys, recordApiCall } from "./api-log.js";

/**
 * A loopback stand-in for AWS endpoints: answers the actions a test names (errors, throttling,
 * expired tokens, malformed bodies, what moto does not emulate) and forwards every other call
 * to an upstream, usually moto. Point AWS_ENDPOINT_URL at `url`.
 */
export interface FakeAws {
  url: string;
  /** `service:Action` of every call received, in order. */
  calls: string[];
  on(action: string, answer: Answer | Responder): void;
  /** Delay added to every forwarded call: a far-away region, for benchmarks. */
  latencyMs: number;
  /** Answer with AWS's error shape for the action's protocol. */
  fail(action: string, error: { code: string; message?: string; status?: number }, times?: number): void;
  reset(): void;
  close(): Promise<void>;
}

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (for timeouts). */
  hang?: boolean;
  /** Answer after this many milliseconds (latency for benchmarks and timeout tests). */
  delayMs?: number;
  /** Send the status and headers, then the body one byte every this many milliseconds, forever. */
  trickleMs?: number;
  /** Promise `content-length` of the whole body, send only this many bytes of it, and cut the connection. */
  cutAfterBytes?: number;
  /** Forward to the upstream and answer with its body rewritten (a truncated or corrupted real answer). */
  rewrite?: (upstreamBody: string) => string;
}

export interface FakeRequest {
  service: string;
  action: string;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
  params: URLSearchParams; // form parameters of query-protocol calls
  json: unknown; // parsed JSON body, when there is one
}

export type Responder = (req: FakeRequest) => Answer | Promise<Answer> | undefined;

type Protocol = "ec2" | "query" | "json" | "rest-json" | "rest-xml";

const LAMBDA_ROUTES: [string, RegExp, string][] = [
  ["GET", /^\/2015-03-31\/functions\/?$/, "ListFunctions"],
  ["GET", /^\/2015-03-31\/functions\/[^/]+\/configuration$/, "GetFunctionConfiguration"],
  ["GET", /^\/2015-03-31\/functions\/[^/]+$/, "GetFunction"],
  ["POST", /^\/2015-03-31\/functions\/[^/]+\/invocations$/, "Invoke"],
  ["GET", /^\/2015-03-31\/functions\/[^/]+\/policy$/, "GetPolicy"],
  ["GET", /^\/2015-03-31\/event-source-mappings\/?$/, "ListEventSourceMappings"],
];

const S3_SUBRESOURCES: Record<string, string> = {
  location: "GetBucketLocation",
  versioning: "GetBucketVersioning",
  lifecycle: "GetBucketLifecycleConfiguration",
  encryption: "GetBucketEncryption",
  publicAccessBlock: "GetPublicAccessBlock",
  policy: "GetBucketPolicy",
  tagging: "GetBucketTagging",
  notification: "GetBucketNotificationConfiguration",
  acl: "GetBucketAcl",
  policyStatus: "GetBucketPolicyStatus",
  "list-type": "ListObjectsV2",
  versions: "ListObjectVersions",
};

function serviceOf(headers: IncomingMessage["headers"]): string {
  const auth = String(headers["authorization"] ?? "");
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/.exec(auth)?.[1] ?? "unknown";
}

function protocolOf(service: string, headers: IncomingMessage["headers"]): Protocol {
  if (headers["x-amz-target"]) return "json";
  if (service === "ec2") return "ec2";
  if (service === "s3") return "rest-xml";
  if (String(headers["content-type"] ?? "").includes("x-www-form-urlencoded")) return "query";
  return "rest-json";
}

function actionOf(service: string, method: string, path: string, query: URLSearchParams, headers: IncomingMessage["headers"], params: URLSearchParams): string {
  const target = headers["x-amz-target"];
  if (typeof target === "string") return target.split(".").pop()!;
  const formAction = params.get("Action");
  if (formAction) return formAction;
  if (service === "lambda") {
    const route = LAMBDA_ROUTES.find(([m, re]) => m === method && re.test(path));
    if (route) return route[2];
  }
  if (service === "s3") {
    if (path.includes("/configuration/publicAccessBlock")) return "GetAccountPublicAccessBlock";
    if (path === "/" && method === "GET") return "ListBuckets";
    for (const [key, action] of Object.entries(S3_SUBRESOURCES)) if (query.has(key) && method === "GET") return action;
  }
  return `${method} ${path}`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function errorAnswer(protocol: Protocol, code: string, message: string, status: number): Answer {
  const m = escapeXml(message);
  switch (protocol) {
    case "ec2":
      return { status, headers: { "content-type": "text/xml" }, body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${m}</Message></Error></Errors><RequestID>fake-request</RequestID></Response>` };
    case "query":
      return { status, headers: { "content-type": "text/xml" }, body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${m}</Message></Error><RequestId>fake-request</RequestId></ErrorResponse>` };
    case "rest-xml":
      return { status, headers: { "content-type": "application/xml" }, body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${m}</Message><RequestId>fake-request</RequestId></Error>` };
    case "json":
      return { status, headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": code }, body: JSON.stringify({ __type: code, message }) };
    case "rest-json":
      return { status, headers: { "content-type": "application/json", "x-amzn-errortype": code }, body: JSON.stringify({ Type: "User", message }) };
  }
}

/** AWS's error shape for this request's protocol: for responders that fail only some calls (one student's role). */
export function errorFor(req: FakeRequest, error: { code: string; message?: string; status?: number }): Answer {
  return errorAnswer(protocolOf(req.service, req.headers), error.code, error.message ?? `${error.code} (injected by test)`, error.status ?? 400);
}

function forward(upstream: string, req: IncomingMessage, body: Buffer, res: ServerResponse, onBody?: (text: string) => void): void {
  const target = new URL(req.url ?? "/", upstream);
  const proxied = httpRequest(
    target,
    { method: req.method, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      if (onBody) {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => onBody(Buffer.concat(chunks).toString("utf8")));
      }
      answer.pipe(res);
    },
  );
  proxied.on("error", (err) => res.writeHead(502).end(String(err)));
  proxied.end(body);
}

/** The upstream's whole answer to a request, for `rewrite`. */
function fetchUpstream(upstream: string, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(req.url ?? "/", upstream);
    const proxied = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (c: Buffer) => chunks.push(c));
      answer.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(answer.headers)) if (typeof v === "string" && k !== "content-length" && k !== "transfer-encoding") headers[k] = v;
        resolve({ status: answer.statusCode ?? 502, headers, body: Buffer.concat(chunks).toString("utf8") });
      });
      answer.on("error", reject);
    });
    proxied.on("error", reject);
    proxied.end(body);
  });
}

export async function startFakeAws(upstream?: string): Promise<FakeAws> {
  const latency = { ms: 0 };
  const rules = new Map<string, { responder: Responder; times: number }>();
  const calls: string[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer(async (req, res) => {
    const body = await buffer(req);
    const url = new URL(req.url ?? "/", "http://fake");
    const service = serviceOf(req.headers);
    const text = body.toString("utf8");
    const params = String(req.headers["content-type"] ?? "").includes("x-www-form-urlencoded") ? new URLSearchParams(text) : new URLSearchParams();
    const action = actionOf(service, req.method ?? "GET", url.pathname, url.searchParams, req.headers, params);
    const key = `${service}:${action}`;
    calls.push(key);
    recordApiCall(key, req.headers["authorization"]);
    const rule = rules.get(key) ?? rules.get(`${service}:*`) ?? rules.get("*");
    if (rule && rule.times !== 0) {
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const answer = await rule.responder({ service, action, method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body: text, params, json });
      if (answer) {
        if (rule.times > 0) rule.times--;
        if (answer.hang) {
          hanging.add(res);
          return;
        }
        if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
        if (answer.rewrite && upstream) {
          const real = await fetchUpstream(upstream, req, body);
          const text = answer.rewrite(real.body);
          res.writeHead(real.status, { ...real.headers, "content-length": String(Buffer.byteLength(text)) }).end(text);
          return;
        }
        const payload = Buffer.from(answer.body ?? "");
        if (answer.trickleMs) {
          hanging.add(res);
          res.writeHead(answer.status ?? 200, answer.headers ?? {});
          let i = 0;
          const tick = setInterval(() => {
            const at = i++ % Math.max(payload.length, 1);
            res.write(payload.length ? payload.subarray(at, at + 1) : " ");
          }, answer.trickleMs);
          res.on("close", () => clearInterval(tick));
          return;
        }
        if (answer.cutAfterBytes !== undefined) {
          res.writeHead(answer.status ?? 200, { ...answer.headers, "content-length": String(payload.length) });
          res.write(payload.subarray(0, answer.cutAfterBytes), () => res.destroy());
          return;
        }
        res.writeHead(answer.status ?? 200, answer.headers ?? {});
        res.end(payload);
        return;
      }
    }
    if (upstream) {
      if (latency.ms) await new Promise((r) => setTimeout(r, latency.ms));
      // A test acting inside another moto account assumes a role there: those keys seed too.
      const seeding = key === "sts:AssumeRole" && isSeeding(req.headers["authorization"]);
      return forward(upstream, req, body, res, seeding ? learnSeedingKeys : undefined);
    }
    const fallback = errorAnswer(protocolOf(service, req.headers), "NotImplemented", `fake AWS has no answer for ${key}`, 501);
    res.writeHead(fallback.status!, fallback.headers).end(fallback.body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const fake: FakeAws = {
    url: `http://127.0.0.1:${port}`,
    get latencyMs() {
      return latency.ms;
    },
    set latencyMs(ms: number) {
      latency.ms = ms;
    },
    calls,
    on(action, answer) {
      rules.set(action, { responder: typeof answer === "function" ? answer : () => answer, times: -1 });
    },
    fail(action, error, times = -1) {
      rules.set(action, {
        responder: (req) => errorAnswer(protocolOf(req.service, req.headers), error.code, error.message ?? `${error.code} (injected by test)`, error.status ?? 400),
        times,
      });
    },
    reset() {
      rules.clear();
      calls.length = 0;
    },
    close() {
      for (const res of hanging) res.destroy();
      return new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
    },
  };
  return fake;
}
