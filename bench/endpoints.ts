// Loopback endpoints for `npm run bench`: a far-away network, and an account that answers
// instantly. Nothing here reaches beyond 127.0.0.1.
import { buffer } from "node:stream/consumers";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface DelayingProxy {
  url: string;
  port: number;
  /** Added before every request is passed on: one network round trip. */
  latencyMs: number;
  /** Arrival time (performance.now()) of every request since the last reset. */
  arrivals: number[];
  reset(): void;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

function closer(server: Server) {
  return () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
}

/**
 * A reverse proxy that waits `latencyMs` before passing each request on, headers untouched (the
 * Host a probe asks for included): AWS or a student's server across the Atlantic.
 */
export async function startDelayingProxy(upstream: string): Promise<DelayingProxy> {
  const target = new URL(upstream);
  const arrivals: number[] = [];
  const state = { latencyMs: 0 };
  const server = createServer(async (req, res) => {
    arrivals.push(performance.now());
    const body = await buffer(req);
    if (state.latencyMs) await new Promise((r) => setTimeout(r, state.latencyMs));
    const forwarded = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forwarded.on("error", (err) => res.writeHead(502).end(String(err)));
    forwarded.end(body);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms: number) {
      state.latencyMs = ms;
    },
    arrivals,
    reset() {
      arrivals.length = 0;
    },
    close: closer(server),
  };
}

export interface Replay {
  url: string;
  /** Distinct requests answered from the record. */
  recorded(): number;
  /** Forget every answer: the account changed. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * Answers every request with what `upstream` answered the first time the same request (method,
 * path, query and body: the signature headers differ every time) was asked. moto spends tens of
 * milliseconds of Python per call: replayed, what the benchmark times is calificar and the
 * network, as against AWS, not the emulator.
 */
export async function startReplay(upstream: string): Promise<Replay> {
  const target = new URL(upstream);
  const record = new Map<string, Promise<{ status: number; headers: Record<string, string>; body: Buffer }>>();
  const ask = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
      const forwarded = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(answer.headers)) {
            if (typeof v === "string" && !["content-length", "transfer-encoding", "date", "connection", "keep-alive"].includes(k)) headers[k] = v;
          }
          resolve({ status: answer.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
        });
      });
      forwarded.on("error", reject);
      forwarded.end(body);
    });
  const server = createServer(async (req, res) => {
    const body = await buffer(req);
    const key = `${req.method} ${req.url}\n${body.toString("base64")}`;
    let answer = record.get(key);
    if (!answer) {
      answer = ask(req, body);
      record.set(key, answer);
    }
    try {
      const { status, headers, body: payload } = await answer;
      res.writeHead(status, { ...headers, "content-length": String(payload.length) }).end(payload);
    } catch (err) {
      record.delete(key);
      res.writeHead(502).end(String(err));
    }
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, recorded: () => record.size, reset: () => record.clear(), close: closer(server) };
}
