import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { startCrudApp, type CrudApp } from "../support/crud-app.js";
import { startFakeAws, type FakeAws } from "../support/fake-aws.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { readReport } from "../support/report-schema.js";
import { helloApi } from "../support/starter-labs.js";
import { allowInvoke, seedFunction, seedHttpApi, seedRestApi, seedRole } from "../support/starter-seed.js";

// The built CLI against moto, which emulates API Gateway v2 (APIs, integrations, routes, stages),
// API Gateway v1 (REST APIs, resources, methods, deployments), Lambda (functions, AddPermission,
// GetPolicy) and IAM. The API's invoke URL is answered by a loopback app through
// --probe-host http://127.0.0.1:PORT, which also stands in for https.

let moto: Moto;
let fake: FakeAws;
let app: CrudApp;

beforeAll(async () => {
  moto = await startMoto();
  fake = await startFakeAws(moto.url);
  app = await startCrudApp();
});
afterAll(async () => {
  await Promise.all([moto?.stop(), fake?.close(), app?.close()]);
});
beforeEach(async () => {
  await moto.reset();
  fake.reset();
  app.hits.length = 0;
});

async function grade(extra: string[] = [], probeApp: CrudApp = app) {
  return readReport(await runCli(["lab-api-hola", "--format", "json", "--probe-host", `http://127.0.0.1:${probeApp.port}`, ...extra], awsEnv(fake.url)));
}

const courseApi = (permission?: "scoped" | "none" | "wildcard") => helloApi(moto.url, permission);

describe("lab-api-hola end to end against moto and a loopback invoke URL", () => {
  it("passes the course's «Hola Mundo»: reads the API, the function's policy, and GETs the invoke URL, never invoking the function", async () => {
    const api = await courseApi();
    const { code, report, status, check } = await grade();
    expect(status).toEqual({
      "api-exists": "passed",
      "route-get": "passed",
      "lambda-integration": "passed",
      "invoke-permission": "passed",
      "stage-deployed": "passed",
      "endpoint-answers": "passed",
    });
    expect(code).toBe(0);
    expect(report.resource).toMatchObject({ id: api.apiId, name: "hola-api" });
    expect(check("endpoint-answers").message).toContain(`GET /hola → 200 «¡Hola Mundo desde Lambda!»`);
    // The probe went to the loopback app, with the API's own host name.
    expect(app.hits).toEqual([expect.objectContaining({ line: "GET /hola", host: api.host })]);
    expect(fake.calls).toEqual(expect.arrayContaining(["lambda:ListFunctions", "lambda:GetPolicy", "apigateway:GET /v2/apis"]));
    expect(fake.calls.filter((c) => c.includes("Invoke"))).toEqual([]);
  });

  it("fails a function API Gateway may not invoke, and an answer without «Hola», with how to fix each", async () => {
    await courseApi("none");
    const broken = await startCrudApp({ hello: "x" });
    try {
      const { code, check } = await grade([], broken);
      expect(check("invoke-permission")).toMatchObject({ status: "failed" });
      expect(check("invoke-permission").message).toContain("la política de hola no deja que API Gateway (apigateway.amazonaws.com) la invoque desde esta API");
      expect(check("invoke-permission").hint).toContain("aws lambda add-permission --function-name <función>");
      expect(check("endpoint-answers")).toMatchObject({ status: "failed", found: "GET /hola → 200 «x»" });
      expect(code).toBe(1);
    } finally {
      await broken.close();
    }
  });

  it("warns about a permission that any API could use, in Spanish and in English", async () => {
    await courseApi("wildcard");
    const es = await grade();
    expect(es.check("invoke-permission")).toMatchObject({ status: "passed", notes: [expect.stringContaining("aviso: el permiso no se limita a esta API")] });
    const en = await grade(["--lang", "en"]);
    expect(en.check("invoke-permission").notes).toEqual([expect.stringContaining("warning: the permission is not limited to this API")]);
  });

  it("grades a REST API deployed to a stage, probing the stage's path", async () => {
    const role = await seedRole(moto.url, "hola-role");
    await seedFunction(moto.url, "hola", role);
    const rest = await seedRestApi(moto.url, "hola-rest", "hola", "hola", "prod");
    await allowInvoke(moto.url, "hola", "apigateway.amazonaws.com", `arn:aws:execute-api:us-east-1:123456789012:${rest.apiId}/*/GET/hola`);
    const prodApp = await startCrudApp({ prefix: "/prod" });
    try {
      const { code, status, report } = await grade([], prodApp);
      expect(report.resource).toMatchObject({ id: rest.apiId, name: "hola-rest" });
      expect(Object.values(status).every((s) => s === "passed"), JSON.stringify(status)).toBe(true);
      expect(prodApp.hits.map((h) => h.line)).toEqual(["GET /prod/hola"]);
      expect(code).toBe(0);
    } finally {
      await prodApp.close();
    }
  });

  it("grades the API --api names, by name or by id, and says which others exist", async () => {
    await courseApi();
    const other = await seedHttpApi(moto.url, "sin-rutas", []);
    const picked = await grade(["--api", "sin-rutas"]);
    expect(picked.report.resource).toMatchObject({ id: other.apiId, name: "sin-rutas" });
    expect(picked.check("route-get")).toMatchObject({ status: "failed" });
    expect(picked.check("endpoint-answers").message).toContain("nada que probar");
    const byId = await grade(["--api", other.apiId]);
    expect(byId.report.resource.id).toBe(other.apiId);
    const best = await grade();
    expect(best.report.resource.name).toBe("hola-api");
    expect(best.report.resource.others).toEqual([expect.objectContaining({ id: other.apiId })]);
  });

  it("is an error, not a failure, when GetPolicy is denied, naming the permission", async () => {
    await courseApi();
    fake.fail("lambda:GetPolicy", { code: "AccessDeniedException", status: 403, message: "User: arn:aws:iam::123456789012:user/ana is not authorized to perform: lambda:GetPolicy" });
    const { check } = await grade();
    expect(check("invoke-permission")).toMatchObject({ status: "error" });
    expect(check("invoke-permission").message).toContain("lambda:GetPolicy");
    expect(check("endpoint-answers").status).toBe("passed");
  });
});
