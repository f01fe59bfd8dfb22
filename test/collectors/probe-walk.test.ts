import type { Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { probeCandidates, resolveProbe } from "../../src/collect/probe-stage.js";
import { DEFAULT_PROBE, probeAgent, sendRequest, walk, type ProbeRequest, type ProbeSettings } from "../../src/collect/probes.js";
import { compileLab } from "../../src/core/compile.js";
import type { Lab, ProbeSpec } from "../../src/core/lab.js";
import { startCrudApp, type CrudApp } from "../support/crud-app.js";

// The probe stage's writes: a sequential walk of POST, GET, PUT, GET, DELETE against a loopback
// stand-in for a student's API, which stops at the first step without a 2xx answer and then removes
// what it created; vars from the candidate and a fresh {unique}; active probes only when asked.

const apps: CrudApp[] = [];
const agents: Agent[] = [];
afterEach(async () => {
  await Promise.all([...apps.splice(0).map((a) => a.close()), ...agents.splice(0).map((a) => a.close())]);
});

async function app(options: Parameters<typeof startCrudApp>[0] = {}) {
  const started = await startCrudApp(options);
  apps.push(started);
  return started;
}

function settings(more: Partial<ProbeSettings> = {}): ProbeSettings {
  return { ...DEFAULT_PROBE, timeoutMs: 2000, ...more };
}

function agent(s: ProbeSettings) {
  const a = probeAgent(s);
  agents.push(a);
  return a;
}

const ID = "calificar-0a1b2c3d";
const STEPS: ProbeRequest[] = [
  { id: "create", method: "POST", path: "/usuarios", body: { id: ID, nombre: `Prueba ${ID}` } },
  { id: "read", path: `/usuarios/${ID}` },
  { id: "update", method: "PUT", path: `/usuarios/${ID}`, body: { nombre: "editado" } },
  { id: "list", path: "/usuarios" },
  { id: "delete", method: "DELETE", path: `/usuarios/${ID}` },
  { id: "cleanup", method: "DELETE", path: `/usuarios/${ID}`, cleanup: true },
];

describe("walk", () => {
  it("sends every step in order, with JSON bodies, and no cleanup when all of them answered 2xx", async () => {
    const crud = await app();
    const s = settings();
    const answers = await walk(crud.url, STEPS, s, agent(s));
    expect(answers.map((a) => [a.method ?? "GET", a.step, a.status])).toEqual([
      ["POST", "create", 201],
      ["GET", "read", 200],
      ["PUT", "update", 200],
      ["GET", "list", 200],
      ["DELETE", "delete", 200],
    ]);
    expect(crud.hits.map((h) => h.line)).toEqual([
      "POST /usuarios",
      `GET /usuarios/${ID}`,
      `PUT /usuarios/${ID}`,
      "GET /usuarios",
      `DELETE /usuarios/${ID}`,
    ]);
    expect(JSON.parse(crud.hits[0]!.body)).toEqual({ id: ID, nombre: `Prueba ${ID}` });
    expect(answers[1]!.body).toContain(ID);
    expect(crud.items.size).toBe(0);
  });

  it("stops at the step that failed, records the rest as not sent, and removes what it created", async () => {
    const crud = await app({ broken: "update" });
    const s = settings();
    const answers = await walk(crud.url, STEPS, s, agent(s));
    expect(answers.map((a) => [a.step, a.status ?? a.error?.code])).toEqual([
      ["create", 201],
      ["read", 200],
      ["update", 500],
      ["list", "not-run"],
      ["delete", "not-run"],
      ["cleanup", 200],
    ]);
    expect(crud.hits.map((h) => h.line).at(-1)).toBe(`DELETE /usuarios/${ID}`);
    expect(crud.items.size).toBe(0);
  });

  it("cleans up even when the very first step failed after writing (a 500 from a function that saved the item)", async () => {
    const crud = await app({ broken: "create" });
    const s = settings();
    const answers = await walk(crud.url, STEPS, s, agent(s));
    expect(answers.map((a) => a.status ?? a.error?.code)).toEqual([500, "not-run", "not-run", "not-run", "not-run", 200]);
    expect(crud.items.size).toBe(0);
  });

  it("records a refused connection on each step it reached, and still tries to clean up", async () => {
    const crud = await app();
    const url = crud.url;
    await crud.close();
    apps.splice(apps.indexOf(crud), 1);
    const s = settings();
    const answers = await walk(url, STEPS, s, agent(s));
    expect(answers.map((a) => a.error?.code)).toEqual(["refused", "not-run", "not-run", "not-run", "not-run", "refused"]);
  });
});

describe("sendRequest", () => {
  it("goes to the --probe-host target, scheme included, keeping the original Host header and URL in the report", async () => {
    const crud = await app({ prefix: "/prod" });
    const s = settings({ override: { host: "127.0.0.1", port: crud.port, scheme: "http" } });
    const answer = await sendRequest(new URL("https://abc123.execute-api.us-east-1.amazonaws.com/prod/usuarios"), { method: "POST", path: "/prod/usuarios", body: { id: "x" } }, s, agent(s));
    expect(answer).toMatchObject({ method: "POST", status: 201, url: "https://abc123.execute-api.us-east-1.amazonaws.com/prod/usuarios" });
    expect(crud.hits[0]).toMatchObject({ line: "POST /prod/usuarios", host: "abc123.execute-api.us-east-1.amazonaws.com" });
  });

  it("records a redirect of a write without following it", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((_req, res) => res.writeHead(307, { location: "/otra" }).end());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as import("node:net").AddressInfo).port;
    const s = settings();
    try {
      const answer = await sendRequest(new URL(`http://127.0.0.1:${port}/usuarios`), { method: "DELETE", path: "/usuarios" }, s, agent(s));
      expect(answer).toMatchObject({ method: "DELETE", status: 307 });
    } finally {
      server.close();
    }
  });
});

const PROBE: ProbeSpec = {
  id: "crud",
  active: true,
  sequential: true,
  host: "host",
  port: 80,
  vars: { collection: "collection", key: "key" },
  requests: [
    { id: "create", method: "POST", path: "{collection}", body: { "{key}": "{unique}", nombre: "calificar {unique}" } },
    { id: "read", path: "{collection}/{unique}" },
    { id: "cleanup", method: "DELETE", path: "{collection}/{unique}", cleanup: true },
  ],
};

describe("resolveProbe", () => {
  it("writes the candidate's vars and {unique} into paths, body values and body keys", () => {
    const { vars, spec } = resolveProbe(PROBE, { collection: "/prod/usuarios", key: "usuarioId" }, "calificar-1234abcd");
    expect(vars).toEqual({ collection: "/prod/usuarios", key: "usuarioId", unique: "calificar-1234abcd" });
    expect(spec!.requests[0]).toEqual({ id: "create", method: "POST", path: "/prod/usuarios", body: { usuarioId: "calificar-1234abcd", nombre: "calificar calificar-1234abcd" } });
    expect(spec!.requests[1]!.path).toBe("/prod/usuarios/calificar-1234abcd");
  });

  it("sends nothing when a var is missing (no route, no stage)", () => {
    expect(resolveProbe(PROBE, { collection: null, key: "id" }, "calificar-1")).toEqual({
      vars: { collection: null, key: "id", unique: "calificar-1" },
      spec: null,
    });
  });
});

function labWith(probe: ProbeSpec): Lab {
  return {
    id: "lab-prueba",
    title: { es: "prueba", en: "test" },
    collectors: ["apigateway"],
    resource: { collector: "apigateway", list: "apis", label: { es: "API", en: "API" }, id: "apiId" },
    probes: [probe],
    passMark: 50,
    checks: [{ id: "x", points: 1, title: { es: "x", en: "x" }, hint: { es: "x", en: "x" }, expected: true }],
  };
}

describe("probeCandidates", () => {
  const candidate = (port: number) => ({ apiId: "abc123", host: "127.0.0.1", collection: "/usuarios", key: "id", port });

  it("leaves an active probe unsent unless asked for", async () => {
    const crud = await app();
    const lab = labWith({ ...PROBE, port: crud.port });
    const records = await probeCandidates(compileLab(lab), [candidate(crud.port)], settings());
    expect(records["abc123"]!.answers).toEqual({});
    expect(crud.hits).toEqual([]);
  });

  it("walks it when asked, recording the vars it used so checks can compare the answers with them", async () => {
    const crud = await app();
    const lab = labWith({ ...PROBE, port: crud.port });
    const records = await probeCandidates(compileLab(lab), [candidate(crud.port)], settings({ active: true }));
    const record = records["abc123"]!;
    const unique = record.vars!["crud"]!["unique"]!;
    expect(unique).toMatch(/^calificar-[0-9a-f]{8}$/);
    expect(record.answers["crud"]!.map((a) => [a.step, a.status])).toEqual([
      ["create", 201],
      ["read", 200],
    ]);
    expect(record.answers["crud"]![1]!.body).toContain(unique);
    // The walk read but did not delete: the lab's own delete step is what removes it in a real lab.
    expect([...crud.items.keys()]).toEqual([unique]);
  });

  it("says «nothing to probe» for every request when a var is missing, and sends none", async () => {
    const crud = await app();
    const lab = labWith({ ...PROBE, port: crud.port });
    const records = await probeCandidates(compileLab(lab), [{ ...candidate(crud.port), collection: null }], settings({ active: true }));
    expect(records["abc123"]!.answers["crud"]!.map((a) => a.error?.code)).toEqual(["no-target", "no-target"]);
    expect(crud.hits).toEqual([]);
  });
});
