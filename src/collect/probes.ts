import { isIP, isIPv6 } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { Agent, request } from "undici";
import type { HttpAnswer } from "../core/evidence.js";
import type { ProbeSpec } from "../core/lab.js";
import type { CallError } from "../core/snapshot.js";

export interface ProbeSettings {
  /**
   * HOST[:PORT] that replaces the probed host (emulators invent public IPs); the report keeps the real
   * one. `scheme` (from `http://HOST:PORT`) also replaces the protocol: an HTTPS endpoint such as an
   * API's invoke URL answered by a plain-HTTP emulator or test app.
   */
  override?: { host: string; port?: number; scheme?: "http" | "https" };
  /** Send the lab's active probes (`--probar-crud`), which change data through the student's app. */
  active?: boolean;
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
}

export const DEFAULT_PROBE: ProbeSettings = { timeoutMs: 5000, maxBodyBytes: 64 * 1024, maxRedirects: 3 };

const HOSTNAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

/** Parses `--probe-host` / CALIFICAR_PROBE_HOST: `127.0.0.1`, `127.0.0.1:8080`, `[::1]:8080`, `::1`, `http://127.0.0.1:8080`. */
export function parseProbeHost(value: string): ProbeSettings["override"] | undefined {
  const scheme = /^(https?):\/\/([^/]*)\/?$/i.exec(value.trim());
  if (scheme) {
    const parsed = parseProbeHost(scheme[2]!);
    return parsed && { ...parsed, scheme: scheme[1]!.toLowerCase() as "http" | "https" };
  }
  const trimmed = value.trim();
  if (isIPv6(trimmed)) return { host: trimmed };
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(trimmed);
  if (!m) return undefined;
  const host = (m[1] ?? m[2])!;
  // URL's hostname setter ignores what it cannot parse, which would probe the real address instead.
  if (m[1] !== undefined ? !isIPv6(host) : !HOSTNAME.test(host)) return undefined;
  const port = m[3] ? Number(m[3]) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return { host, ...(port ? { port } : {}) };
}

function probeErrorCode(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown; cause?: { code?: unknown } };
  // The abort signal's DOMException has a numeric code (23) and says "TimeoutError" in its name.
  const words = [e.code, e.cause?.code, e.name].filter((w): w is string => typeof w === "string");
  if (words.some((w) => /TIMEOUT|TimeoutError|AbortError|ETIMEDOUT/i.test(w))) return "timeout";
  const code = words[0] ?? "";
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE") return "reset";
  if (/EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN/.test(code)) return "unreachable";
  return "other";
}

async function readBounded(body: AsyncIterable<Buffer> & { destroy(): void }, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= max) {
      body.destroy(); // enough to grade; never read an unbounded body
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, max).toString("utf8");
}

/**
 * Whether `target`'s port completes a TLS handshake: an http probe that a server hangs up on
 * without a word is often an HTTPS server, which a student can be told. Certificates are not
 * checked: only the protocol matters, and nothing is sent after the handshake.
 */
function speaksTls(target: URL, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const host = target.hostname.replace(/^\[|\]$/g, "");
    const socket = tlsConnect({ host, port: Number(target.port || 80), rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }) });
    const timer = setTimeout(() => done(false), timeoutMs);
    const done = (answer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    socket.once("secureConnect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** One GET with bounded time and size; same-host redirects only. Never throws. */
export async function probeUrl(url: URL, settings: ProbeSettings, dispatcher: Agent): Promise<HttpAnswer> {
  const shown = url.toString();
  let current = url;
  let target = url;
  // One deadline for the whole probe, redirects included: a chain of slow hops cannot add up.
  const signal = AbortSignal.timeout(settings.timeoutMs * 2);
  try {
    for (let hop = 0; ; hop++) {
      target = overridden(current, settings);
      const res = await request(target, {
        method: "GET",
        dispatcher,
        headers: { host: current.host, "user-agent": "calificar (lab grader)", accept: "text/html,text/plain,*/*" },
        signal,
      });
      const location = res.headers["location"];
      if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === "string" && hop < settings.maxRedirects) {
        await res.body.dump();
        const next = new URL(location, current);
        if (next.host !== current.host) {
          return { path: url.pathname, url: shown, status: res.statusCode, error: { code: "redirect", message: next.host } };
        }
        current = next;
        continue;
      }
      const body = await readBounded(res.body, settings.maxBodyBytes);
      return { path: url.pathname, url: shown, status: res.statusCode, body };
    }
  } catch (err) {
    let code = probeErrorCode(err);
    if (code === "reset" && target.protocol === "http:" && (await speaksTls(target, settings.timeoutMs))) code = "tls";
    return { path: url.pathname, url: shown, error: { code, message: (err as Error).message } };
  }
}

/** A request of a probe with its vars written in (probe-stage.ts): a concrete path and body. */
export type ProbeRequest = ProbeSpec["requests"][number];

/** The target of `url` after `--probe-host`: host, port and, when given, scheme replaced. */
function overridden(url: URL, settings: ProbeSettings): URL {
  const target = new URL(url);
  if (settings.override) {
    target.hostname = settings.override.host.includes(":") ? `[${settings.override.host}]` : settings.override.host;
    if (settings.override.port) target.port = String(settings.override.port);
    if (settings.override.scheme) target.protocol = `${settings.override.scheme}:`;
  }
  return target;
}

/** How an answer names its request: path and URL, and the method and step id when there are. */
function shownOf(url: URL, step: ProbeRequest): Pick<HttpAnswer, "path" | "url" | "method" | "step"> {
  const method = step.method ?? "GET";
  return { path: url.pathname, url: url.toString(), ...(method !== "GET" ? { method } : {}), ...(step.id ? { step: step.id } : {}) };
}

/**
 * One request that is not a GET (a CRUD walk's POST, PUT, DELETE), with the same bounds as a GET:
 * time, body size. Its body goes as JSON. A redirect is recorded, never followed: resending a
 * write to another place is not the grader's call to make. Never throws.
 */
export async function sendRequest(url: URL, step: ProbeRequest, settings: ProbeSettings, dispatcher: Agent): Promise<HttpAnswer> {
  const method = step.method ?? "GET";
  const shown = shownOf(url, step);
  if (method === "GET") return { ...(await probeUrl(url, settings, dispatcher)), ...shown };
  const body = step.body === undefined ? undefined : JSON.stringify(step.body);
  try {
    const res = await request(overridden(url, settings), {
      method,
      dispatcher,
      headers: {
        host: url.host,
        "user-agent": "calificar (lab grader)",
        accept: "application/json,text/plain,*/*",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(settings.timeoutMs * 2),
    });
    return { ...shown, status: res.statusCode, body: await readBounded(res.body, settings.maxBodyBytes) };
  } catch (err) {
    return { ...shown, error: { code: probeErrorCode(err), message: (err as Error).message } };
  }
}

const succeeded = (a: HttpAnswer) => a.status !== undefined && a.status >= 200 && a.status < 300;

/**
 * A sequential probe: its steps one after another. After a step without a 2xx answer the later
 * steps are not sent (recorded as «not-run»), and the `cleanup` steps are: they remove what the walk
 * created. When every step succeeded the cleanup steps are not needed and not sent.
 */
export async function walk(base: string, requests: ProbeRequest[], settings: ProbeSettings, dispatcher: Agent): Promise<HttpAnswer[]> {
  const answers: HttpAnswer[] = [];
  let failed = false;
  for (const r of requests) {
    const url = new URL(r.path, base);
    if (r.cleanup ? !failed : failed) {
      if (!r.cleanup) answers.push({ ...shownOf(url, r), error: { code: "not-run" } });
      continue;
    }
    const answer = await sendRequest(url, r, settings, dispatcher);
    answers.push(answer);
    if (!r.cleanup && !succeeded(answer)) failed = true;
  }
  return answers;
}

/**
 * Probes one resource: every request of every probe at once, so a dead host costs one
 * timeout, not one per path (a sequential probe's steps go in order). Returns answers by probe id
 * and the timeouts as errors: `http:GET`, or `http:active` for an active probe.
 */
export async function probeResource(
  host: string | null,
  probes: ProbeSpec[],
  settings: ProbeSettings,
  dispatcher: Agent,
): Promise<{ answers: Record<string, HttpAnswer[]>; errors: CallError[] }> {
  const answers: Record<string, HttpAnswer[]> = {};
  const errors: CallError[] = [];
  await Promise.all(
    probes.map(async (spec) => {
      if (!host) {
        answers[spec.id] = spec.requests.map((r) => ({ path: r.path, url: "", error: { code: "no-address" } }));
        return;
      }
      const base = `${spec.scheme ?? "http"}://${host.includes(":") ? `[${host}]` : host}:${spec.port}`;
      answers[spec.id] = spec.sequential
        ? await walk(base, spec.requests, settings, dispatcher)
        : await Promise.all(spec.requests.map((r) => sendRequest(new URL(r.path, base), r, settings, dispatcher)));
      const timedOut = answers[spec.id]!.find((a) => a.error?.code === "timeout");
      if (timedOut) {
        errors.push({ action: spec.active ? "http:active" : "http:GET", code: "timeout", kind: "timeout", message: timedOut.error?.message ?? "", target: timedOut.url });
      }
    }),
  );
  return { answers, errors };
}

export function probeAgent(settings: ProbeSettings): Agent {
  return new Agent({
    connect: { timeout: settings.timeoutMs },
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
    connections: 8,
  });
}
