import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from "node:net";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer as createTlsServer } from "node:tls";
import type { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MSG } from "../../src/core/messages.js";
import { DEFAULT_PROBE, probeAgent, probeResource, probeUrl, type ProbeSettings } from "../../src/collect/probes.js";
import { runCli } from "../support/cli.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { readReport } from "../support/report-schema.js";
import { seedServer } from "../support/seed-ec2.js";

// The student's server misbehaving, against loopback servers only: each probe is bounded (connect
// and read deadlines, at most 64 KiB read, no redirect off the host) and its failure has words a
// student understands. Each server counts what reached it and what it sent.

// Tests run side by side, so servers and agents are closed when the file ends.
const closers: (() => Promise<void>)[] = [];
const agents: Agent[] = [];
afterAll(async () => {
  await Promise.all(agents.splice(0).map((a) => a.destroy()));
  await Promise.all(closers.splice(0).map((close) => close()));
});

interface Loopback {
  port: number;
  host: string;
  connections: number;
  requests: number;
  /** Bytes the server managed to write before the client hung up. */
  sent: number;
}

/** A raw TCP server: `onSocket` decides what (if anything) goes back. */
async function tcp(onSocket: (socket: Socket, state: Loopback) => void, host = "127.0.0.1"): Promise<Loopback> {
  const state: Loopback = { port: 0, host, connections: 0, requests: 0, sent: 0 };
  const sockets = new Set<Socket>();
  const server: NetServer = createNetServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
    onSocket(socket, state);
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  state.port = (server.address() as AddressInfo).port;
  closers.push(() => new Promise((r) => {
    for (const s of sockets) s.destroy();
    server.close(() => r());
  }));
  return state;
}

async function http(handler: (req: IncomingMessage, res: ServerResponse, state: Loopback) => void, host = "127.0.0.1"): Promise<Loopback> {
  const state: Loopback = { port: 0, host, connections: 0, requests: 0, sent: 0 };
  const server: HttpServer = createHttpServer((req, res) => {
    state.requests++;
    handler(req, res, state);
  });
  server.on("connection", () => state.connections++);
  await new Promise<void>((r) => server.listen(0, host, r));
  state.port = (server.address() as AddressInfo).port;
  closers.push(() => new Promise((r) => {
    server.closeAllConnections();
    server.close(() => r());
  }));
  return state;
}

const settings = (more: Partial<ProbeSettings> = {}): ProbeSettings => ({ ...DEFAULT_PROBE, timeoutMs: 500, ...more });

async function probe(url: string, s: ProbeSettings = settings()) {
  const agent = probeAgent(s);
  agents.push(agent);
  return probeUrl(new URL(url), s, agent);
}

/** Fails if `work` has not settled in `ms`: the bound a probe promises, not a timing measurement. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** An HTTPS server with a throwaway self-signed certificate; returns its port. */
async function tlsServer(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "calificar-tls-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
  const server = createTlsServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }, (socket) => socket.end("HTTP/1.1 200 OK\r\n\r\nIndex!"));
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return (server.address() as AddressInfo).port;
}

const ipv6 = await new Promise<boolean>((resolve) => {
  const s = createNetServer();
  s.once("error", () => resolve(false));
  s.listen(0, "::1", () => s.close(() => resolve(true)));
});

describe.concurrent("each misbehaving server gives a bounded answer with words for the student", () => {
  it("accepts the connection and never says a word: timeout", async () => {
    const server = await tcp(() => undefined);
    const answer = await within(5000, probe(`http://127.0.0.1:${server.port}/`));
    expect(answer.error?.code).toBe("timeout");
    expect(server.connections).toBe(1);
  });

  it("slowloris headers, one byte a second: timeout, however long it would go on", async () => {
    const server = await tcp((socket, state) => {
      const text = "HTTP/1.1 200 OK\r\nX-Slow: " + "a".repeat(10_000);
      let i = 0;
      const tick = setInterval(() => {
        socket.write(text[i++ % text.length]!);
        state.sent++;
      }, 100);
      socket.on("close", () => clearInterval(tick));
    });
    const answer = await within(5000, probe(`http://127.0.0.1:${server.port}/`));
    expect(answer.error?.code).toBe("timeout");
    expect(answer.status).toBeUndefined();
  });

  it("slowloris body, one byte a second after good headers: timeout (the whole probe has one deadline)", async () => {
    const server = await http((req, res, state) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const tick = setInterval(() => {
        res.write("I");
        state.sent++;
      }, 100);
      res.on("close", () => clearInterval(tick));
    });
    const answer = await within(5000, probe(`http://127.0.0.1:${server.port}/`));
    expect(answer.error?.code).toBe("timeout");
  });

  it("a 100 MB body: at most 64 KiB read, then the connection is closed", async () => {
    const size = 100 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, "A");
    const server = await http((req, res, state) => {
      res.writeHead(200, { "content-type": "text/html", "content-length": String(size) });
      const pump = () => {
        while (state.sent < size) {
          state.sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => {
        res.removeAllListeners("drain");
        hungUp = !res.writableFinished;
      });
      pump();
    });
    let hungUp: boolean | undefined;
    const answer = await within(5000, probe(`http://127.0.0.1:${server.port}/`, settings({ timeoutMs: 2000 })));
    expect(answer.status).toBe(200);
    expect(Buffer.byteLength(answer.body ?? "")).toBeLessThanOrEqual(64 * 1024);
    expect(Buffer.byteLength(answer.body ?? "")).toBeGreaterThan(0);
    // The probe hung up: the server pushed only what the socket buffers took, far from 100 MB.
    await expect.poll(() => hungUp).toBe(true);
    expect(server.sent).toBeLessThan(size / 10);
  });

  it("a redirect to another host is not followed, and the other host sees nothing", async () => {
    const elsewhere = await http((req, res) => res.writeHead(200).end("otro"));
    const server = await http((req, res) => res.writeHead(302, { location: `http://127.0.0.2:${elsewhere.port}/` }).end());
    const answer = await probe(`http://127.0.0.1:${server.port}/`);
    expect(answer).toMatchObject({ status: 302, error: { code: "redirect", message: `127.0.0.2:${elsewhere.port}` } });
    expect(elsewhere.requests).toBe(0);
  });

  it("redirects that go round on the same host: bounded, and the whole chain shares one deadline", async () => {
    const server = await http((req, res) => setTimeout(() => res.writeHead(302, { location: `/r${Math.random()}` }).end(), 200));
    const answer = await within(5000, probe(`http://127.0.0.1:${server.port}/`, settings({ timeoutMs: 300, maxRedirects: 50 })));
    // Each hop takes 200 ms; 50 hops would take 10 s, but the probe as a whole has twice its timeout.
    expect(answer.error?.code).toBe("timeout");
    expect(server.requests).toBeLessThan(10);
  });

  it("TLS on the port of an http probe: says the port speaks HTTPS", async () => {
    const port = await tlsServer();
    const answer = await within(5000, probe(`http://127.0.0.1:${port}/`));
    expect(answer.error?.code).toBe("tls");
    expect(MSG.probeErrors["tls"]!.es).toContain("HTTPS");
  });

  it.skipIf(!ipv6)("an IPv6-only address (no override): probed in brackets, answered", async () => {
    const server = await http((req, res) => res.writeHead(200).end("Index!"), "::1");
    const web = { id: "web", host: "publicIp", port: server.port, requests: [{ path: "/" }] };
    const s = settings();
    const agent = probeAgent(s);
    agents.push(agent);
    const { answers, errors } = await probeResource("::1", [web], s, agent);
    expect(errors).toEqual([]);
    expect(answers["web"]).toEqual([{ path: "/", url: `http://[::1]:${server.port}/`, status: 200, body: "Index!" }]);
  });

  it.skipIf(!ipv6)("an IPv6 address where nothing listens: refused, with its words", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createNetServer().listen(0, "::1", () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const answer = await probe(`http://[::1]:${port}/`);
    expect(answer.error?.code).toBe("refused");
  });

  it("every error code a probe can give has words in both languages", () => {
    for (const code of ["timeout", "refused", "reset", "unreachable", "no-address", "redirect", "tls", "other"]) {
      expect(MSG.probeErrors[code], code).toEqual({ es: expect.any(String), en: expect.any(String) });
    }
  });
});

describe.concurrent("through the CLI: the report says it in the student's words", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
    await seedServer(moto.url, { elasticIp: true });
  });
  afterAll(async () => moto?.stop());

  async function flask(host: { port: number }) {
    const run = await runCli(["lab-ec2", "--format", "json", "--probe-host", `127.0.0.1:${host.port}`, "--probe-timeout", "1"], awsEnv(moto.url));
    expect(run.stderr).not.toMatch(/^\s{4}at /m);
    return readReport(run).check("flask-app");
  }

  it("a server that sends an endless body: graded on what was read", async () => {
    const chunk = Buffer.alloc(16 * 1024, "x");
    const server = await http((req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const pump = () => {
        while (res.write(chunk));
        res.once("drain", pump);
      };
      res.on("close", () => res.removeAllListeners("drain"));
      pump();
    });
    const check = await flask(server);
    expect(check.status).toBe("failed"); // it answered, with the wrong page
  });

  it("a redirect to another site: «redirige a otro sitio», and nothing else is contacted", async () => {
    const elsewhere = await http((req, res) => res.writeHead(200).end("Index!"));
    const server = await http((req, res) => res.writeHead(301, { location: `http://127.0.0.2:${elsewhere.port}/` }).end());
    const check = await flask(server);
    expect(check.status).toBe("failed");
    expect(check.message).toContain("redirige a otro sitio");
    expect(elsewhere.requests).toBe(0);
  });

  it("accepts and never answers: an error «no respondió a tiempo»", async () => {
    const server = await tcp(() => undefined);
    const check = await flask(server);
    expect(check.status).toBe("error");
    expect(check.message).toContain("no respondió a tiempo");
  });

  it("an HTTPS server on the app's port: «ese puerto habla HTTPS (TLS), no HTTP»", async () => {
    const check = await flask({ port: await tlsServer() });
    expect(check.status).toBe("failed");
    expect(check.message).toContain("ese puerto habla HTTPS (TLS), no HTTP");
  });
});
