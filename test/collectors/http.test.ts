import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_PROBE, parseProbeHost, probeAgent, probeResource, probeUrl, type ProbeSettings } from "../../src/collect/probes.js";
import { freePort } from "../support/ports.js";

// Probes against loopback servers only. Each server records what reached it, so a test can say
// not just what the probe answered but where its traffic went.

interface Loopback {
  port: number;
  base: string;
  hits: { url: string; host: string }[];
  /** Responses whose connection closed (the client hung up or the answer ended). */
  closed: number;
}

const servers: Server[] = [];
const agents: Agent[] = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, host = "127.0.0.1"): Promise<Loopback> {
  const state: Loopback = { port: 0, base: "", hits: [], closed: 0 };
  const server = createServer((req, res) => {
    state.hits.push({ url: req.url ?? "", host: req.headers.host ?? "" });
    res.on("close", () => state.closed++);
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, host, r));
  state.port = (server.address() as AddressInfo).port;
  state.base = host.includes(":") ? `http://[${host}]:${state.port}` : `http://${host}:${state.port}`;
  return state;
}

function settings(more: Partial<ProbeSettings> = {}): ProbeSettings {
  return { ...DEFAULT_PROBE, timeoutMs: 400, maxBodyBytes: 1024, ...more };
}

function agentFor(s: ProbeSettings): Agent {
  const agent = probeAgent(s);
  agents.push(agent);
  return agent;
}

async function probe(url: string, s: ProbeSettings = settings()) {
  return probeUrl(new URL(url), s, agentFor(s));
}

/** Fails the test if `work` has not settled in `ms`: the bound a probe promises, not a timing measurement. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, guard]);
  } finally {
    clearTimeout(timer);
  }
}

afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.destroy()));
  await Promise.all(
    servers.splice(0).map((s) => new Promise<void>((r) => {
      s.closeAllConnections();
      s.close(() => r());
    })),
  );
});

const ipv6 = await new Promise<boolean>((resolve) => {
  const s = createServer();
  s.once("error", () => resolve(false));
  s.listen(0, "::1", () => s.close(() => resolve(true)));
});

describe("probeUrl", () => {
  it("records status and body of an answer", async () => {
    const app = await serve((req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("Index!"));
    expect(await probe(`${app.base}/`)).toEqual({ path: "/", url: `${app.base}/`, status: 200, body: "Index!" });
  });

  it.each([404, 500])("records a %i as an answer, not an error", async (status) => {
    const app = await serve((req, res) => res.writeHead(status).end(status === 404 ? "Not Found" : "Internal Server Error"));
    const answer = await probe(`${app.base}/members`);
    expect(answer).toMatchObject({ path: "/members", status });
    expect(answer.error).toBeUndefined();
  });

  it("says «refused» when nothing listens", async () => {
    const port = await freePort();
    expect(await probe(`http://127.0.0.1:${port}/`)).toMatchObject({ url: `http://127.0.0.1:${port}/`, error: { code: "refused" } });
  });

  it("gives up on a server that never answers, with a timeout code", async () => {
    const app = await serve(() => undefined);
    const answer = await within(10_000, probe(`${app.base}/`));
    expect(answer).toMatchObject({ path: "/", error: { code: "timeout" } });
    expect(answer.status).toBeUndefined();
  });

  it("gives up on a body that trickles forever", async () => {
    const app = await serve((req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const tick = setInterval(() => res.write("."), 100);
      res.on("close", () => clearInterval(tick));
    });
    const answer = await within(10_000, probe(`${app.base}/`, settings({ timeoutMs: 300, maxBodyBytes: 1_000_000 })));
    expect(answer.error?.code).toBe("timeout");
  });

  it("reads at most maxBodyBytes of an endless body, and hangs up", async () => {
    const chunk = "A".repeat(16 * 1024);
    const app = await serve((req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const pump = () => {
        while (res.write(chunk));
        res.once("drain", pump);
      };
      res.on("close", () => res.removeAllListeners("drain"));
      pump();
    });
    const answer = await within(10_000, probe(`${app.base}/`, settings({ maxBodyBytes: 5000 })));
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(5000);
    await expect.poll(() => app.closed).toBe(1);
  });

  it("follows a redirect on the same host and keeps the first URL", async () => {
    const app = await serve((req, res) => {
      if (req.url === "/") return res.writeHead(302, { location: "/home" }).end();
      res.writeHead(200).end("Index!");
    });
    expect(await probe(`${app.base}/`)).toEqual({ path: "/", url: `${app.base}/`, status: 200, body: "Index!" });
    expect(app.hits.map((h) => h.url)).toEqual(["/", "/home"]);
  });

  it("does not follow a redirect to another host, and records where it pointed", async () => {
    const elsewhere = await serve((req, res) => res.writeHead(200).end("elsewhere"));
    const app = await serve((req, res) => res.writeHead(301, { location: `${elsewhere.base}/login` }).end());
    const answer = await probe(`${app.base}/`);
    expect(answer).toMatchObject({ status: 301, error: { code: "redirect", message: `127.0.0.1:${elsewhere.port}` } });
    expect(answer.body).toBeUndefined();
    expect(elsewhere.hits).toEqual([]);
  });

  it("stops following a redirect loop after maxRedirects", async () => {
    const app = await serve((req, res) => res.writeHead(302, { location: "/again" }).end("loop"));
    const answer = await probe(`${app.base}/`, settings({ maxRedirects: 3 }));
    expect(answer.status).toBe(302);
    expect(app.hits).toHaveLength(4);
  });

  it("with an override, sends traffic to loopback but names the real address", async () => {
    const app = await serve((req, res) => res.writeHead(200).end("Index!"));
    const s = settings({ override: { host: "127.0.0.1", port: app.port } });
    const answer = await probe("http://54.210.33.7:5000/", s);
    expect(answer).toEqual({ path: "/", url: "http://54.210.33.7:5000/", status: 200, body: "Index!" });
    // The app sees the host it would see in AWS: virtual hosts (a Beanstalk CNAME) keep working.
    expect(app.hits).toEqual([{ url: "/", host: "54.210.33.7:5000" }]);
  });

  it("with an override, follows a same-host redirect to loopback too", async () => {
    const app = await serve((req, res) => {
      if (req.url === "/") return res.writeHead(302, { location: "http://54.210.33.7:5000/home" }).end();
      res.writeHead(200).end("home");
    });
    const answer = await probe("http://54.210.33.7:5000/", settings({ override: { host: "127.0.0.1", port: app.port } }));
    expect(answer).toMatchObject({ url: "http://54.210.33.7:5000/", status: 200, body: "home" });
    expect(app.hits.map((h) => h.url)).toEqual(["/", "/home"]);
  });

  it.skipIf(!ipv6)("with an IPv6 override, reaches [::1]", async () => {
    const app = await serve((req, res) => res.writeHead(200).end("Index!"), "::1");
    const override = parseProbeHost(`[::1]:${app.port}`);
    const answer = await probe("http://54.210.33.7:5000/", settings({ ...(override ? { override } : {}) }));
    expect(answer).toMatchObject({ url: "http://54.210.33.7:5000/", status: 200, body: "Index!" });
    expect(app.hits).toHaveLength(1);
  });
});

describe("probeResource", () => {
  const web = { id: "web", host: "publicIpAddress", port: 5000, requests: [{ path: "/" }, { path: "/members" }, { path: "/hello/calificar/" }] };

  it("answers every path of the probe, by probe id", async () => {
    const app = await serve((req, res) => res.writeHead(req.url === "/" ? 200 : 404).end(req.url === "/" ? "Index!" : "Not Found"));
    const s = settings({ override: { host: "127.0.0.1", port: app.port } });
    const { answers, errors } = await probeResource("54.210.33.7", [web], s, agentFor(s));
    expect(errors).toEqual([]);
    expect(answers["web"]!.map((a) => [a.url, a.status])).toEqual([
      ["http://54.210.33.7:5000/", 200],
      ["http://54.210.33.7:5000/members", 404],
      ["http://54.210.33.7:5000/hello/calificar/", 404],
    ]);
  });

  it("turns a host that never answers into one timeout error naming the URL", async () => {
    const app = await serve(() => undefined);
    const s = settings({ timeoutMs: 300, override: { host: "127.0.0.1", port: app.port } });
    const { answers, errors } = await within(10_000, probeResource("54.210.33.7", [web], s, agentFor(s)));
    expect(answers["web"]!.every((a) => a.error?.code === "timeout")).toBe(true);
    expect(errors).toEqual([{ action: "http:GET", code: "timeout", kind: "timeout", message: expect.any(String), target: "http://54.210.33.7:5000/" }]);
  });

  it("says «no-address» and sends nothing when the instance has no public address", async () => {
    const s = settings();
    const { answers, errors } = await probeResource(null, [web], s, agentFor(s));
    expect(answers["web"]!.map((a) => a.error?.code)).toEqual(["no-address", "no-address", "no-address"]);
    expect(errors).toEqual([]);
  });
});

describe("parseProbeHost", () => {
  it.each([
    ["127.0.0.1", { host: "127.0.0.1" }],
    ["127.0.0.1:8080", { host: "127.0.0.1", port: 8080 }],
    ["  127.0.0.1:8080 ", { host: "127.0.0.1", port: 8080 }],
    ["localhost:5000", { host: "localhost", port: 5000 }],
    ["flask_app.internal", { host: "flask_app.internal" }],
    ["[::1]:8080", { host: "::1", port: 8080 }],
    ["[::1]", { host: "::1" }],
    ["::1", { host: "::1" }],
    ["65535.example:65535", { host: "65535.example", port: 65535 }],
    // With a scheme, the protocol is replaced too: an API's https invoke URL answered by a plain-HTTP test app.
    ["http://127.0.0.1:8080", { host: "127.0.0.1", port: 8080, scheme: "http" }],
    ["HTTPS://localhost/", { host: "localhost", scheme: "https" }],
    ["http://[::1]:8080", { host: "::1", port: 8080, scheme: "http" }],
  ])("%j → %j", (value, expected) => {
    expect(parseProbeHost(value)).toEqual(expected);
  });

  it.each([
    "",
    "garbage here",
    "ftp://127.0.0.1:8080",
    "http://127.0.0.1:8080/ruta",
    "http://",
    "http://user@127.0.0.1",
    "127.0.0.1:",
    "127.0.0.1:0",
    "127.0.0.1:65536",
    "127.0.0.1:80:90",
    "127.0.0.1/x",
    "[::1",
    "[not-ipv6]:80",
    "-bad.example",
    "user@127.0.0.1",
  ])("%j is refused", (value) => {
    expect(parseProbeHost(value)).toBeUndefined();
  });

  it("only accepts what the URL parser keeps: an override can never fall back to the real address", () => {
    for (const value of ["127.0.0.1:8080", "localhost", "flask_app.internal", "[::1]:8080", "::1"]) {
      const override = parseProbeHost(value)!;
      const url = new URL("http://54.210.33.7:5000/");
      url.hostname = override.host.includes(":") ? `[${override.host}]` : override.host;
      expect(url.hostname).not.toBe("54.210.33.7");
    }
  });
});
