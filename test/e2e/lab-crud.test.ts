import { describe, expect, it } from "vitest";
import { emulatedAws } from "../support/emulated-aws.js";
import { runCli } from "../support/cli.js";
import { startCrudApp, type CrudApp } from "../support/crud-app.js";
import { awsEnv } from "../support/moto.js";
import { readReport } from "../support/report-schema.js";
import { ITEM_ACTIONS, courseCrud as seedCourseCrud } from "../support/starter-labs.js";
import { doc, seedFunction, seedHttpApi, seedRole, seedTable } from "../support/starter-seed.js";

// The built CLI against moto (DynamoDB tables and billing modes, API Gateway v2, Lambda, IAM role
// policies), with a loopback users CRUD standing in for the API's invoke URL (--probe-host
// http://127.0.0.1:PORT). --probar-crud is the second active mode after Lambda's invoke: the walk
// creates, reads, updates, lists and deletes one test user, and removes it even when a step fails.

const aws = emulatedAws();


async function withApp<T>(options: Parameters<typeof startCrudApp>[0], work: (app: CrudApp) => Promise<T>): Promise<T> {
  const app = await startCrudApp(options);
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

async function grade(app: CrudApp, extra: string[] = []) {
  return readReport(await runCli(["lab-crud", "--format", "json", "--probe-host", `http://127.0.0.1:${app.port}`, ...extra], awsEnv(aws.fake.url)));
}

const courseCrud = (options?: Parameters<typeof seedCourseCrud>[1]) => seedCourseCrud(aws.moto.url, options);

describe("lab-crud end to end against moto and a loopback CRUD", () => {
  it("skips the walk without --probar-crud, saying how to ask for it, and sends nothing to the API", async () => {
    await courseCrud();
    await withApp({}, async (app) => {
      const { code, status, check, report } = await grade(app);
      expect(status).toEqual({
        "table-exists": "passed",
        "capacity-free-tier": "passed",
        "routes-crud": "passed",
        "lambda-integration": "passed",
        "role-least-privilege": "passed",
        "crud-works": "skipped",
      });
      expect(check("crud-works").message).toBe(
        "omitida: es una prueba activa (crea, cambia y borra un elemento de prueba a través de tu API), así que solo se hace si la pides: califica de nuevo con --probar-crud",
      );
      expect(report.score).toBe(8);
      expect(app.hits).toEqual([]);
      expect(code).toBe(0);
    });
  });

  it("walks the CRUD with --probar-crud: create, read, update, list, delete one test user, leaving nothing behind", async () => {
    const api = await courseCrud();
    await withApp({}, async (app) => {
      const { code, check, report } = await grade(app, ["--probar-crud"]);
      expect(check("crud-works")).toMatchObject({ status: "passed", points: 2 });
      expect(report.score).toBe(10);
      const id = /\/usuarios\/(calificar-[0-9a-f]{8})/.exec(app.hits[1]!.line)![1]!;
      expect(app.hits.map((h) => h.line)).toEqual(["POST /usuarios", `GET /usuarios/${id}`, `PUT /usuarios/${id}`, "GET /usuarios", `DELETE /usuarios/${id}`]);
      expect(app.hits.every((h) => h.host === api.host)).toBe(true);
      expect(JSON.parse(app.hits[0]!.body)).toMatchObject({ id, nombre: `Prueba de calificar ${id}` });
      expect(app.items.size).toBe(0);
      expect(check("crud-works").message).toContain(`POST /usuarios → 201`);
      expect(code).toBe(0);
    });
  });

  it("reports each step of a walk that fails at the update, and still deletes the test user (--try-crud, in English)", async () => {
    await courseCrud();
    await withApp({ broken: "update" }, async (app) => {
      const { check } = await grade(app, ["--try-crud", "--lang", "en"]);
      const crud = check("crud-works");
      expect(crud.status).toBe("failed");
      expect(crud.message).toMatch(/POST \/usuarios → 201 .*GET \/usuarios\/calificar-[0-9a-f]{8} → 200 .*PUT \/usuarios\/calificar-[0-9a-f]{8} → 500 .*not sent \(an earlier step failed\)/);
      expect(app.hits.map((h) => h.line.split(" ")[0])).toEqual(["POST", "GET", "PUT", "DELETE"]);
      expect(app.items.size).toBe(0);
    });
  });

  it("uses the table's own partition key name in the body it creates", async () => {
    await seedTable(aws.moto.url, "clientes", { name: "clienteId", type: "S" });
    const role = await seedRole(aws.moto.url, "r", { inline: { t: doc({ Effect: "Allow", Action: ITEM_ACTIONS, Resource: "*" }) } });
    await seedFunction(aws.moto.url, "clientes-crud", role, { env: { TABLE_NAME: "clientes" } });
    await seedHttpApi(aws.moto.url, "clientes-api", ["POST /clientes", "GET /clientes", "GET /clientes/{clienteId}", "PUT /clientes/{clienteId}", "DELETE /clientes/{clienteId}"].map((key) => ({ key, fn: "clientes-crud" })));
    await withApp({ collection: "/clientes", key: "clienteId" }, async (app) => {
      const { check } = await grade(app, ["--probar-crud"]);
      expect(check("crud-works").status).toBe("passed");
      expect(Object.keys(JSON.parse(app.hits[0]!.body))).toEqual(expect.arrayContaining(["clienteId", "id"]));
    });
  });

  it("warns about dynamodb:* on * with the narrower policy, without failing the lab", async () => {
    await courseCrud({ broadRole: true });
    await withApp({}, async (app) => {
      const { code, check, report } = await grade(app);
      expect(check("role-least-privilege")).toMatchObject({ status: "failed", severity: "warning" });
      expect(check("role-least-privilege").message).toContain("el rol de la función permite dynamodb:* sobre todas las tablas");
      expect(check("role-least-privilege").hint).toContain('"Resource":"arn:aws:dynamodb:<región>:<cuenta>:table/<tabla>"');
      // 7 of 10 (crud-works skipped, the warning's point lost): still the pass mark.
      expect(report.score).toBe(7);
      expect(report.passed).toBe(true);
      expect(code).toBe(0);
    });
  });

  it("fails provisioned capacity beyond the free tier", async () => {
    await courseCrud({ capacity: { read: 50, write: 5 } });
    await withApp({}, async (app) => {
      const { check } = await grade(app);
      expect(check("capacity-free-tier")).toMatchObject({ status: "failed", found: "50" });
      expect(check("capacity-free-tier").message).toContain("se esperaba como máximo 25, se encontró 50");
    });
  });

  it("is an error, not a failure, when the role's policies may not be read", async () => {
    await courseCrud();
    aws.fake.fail("iam:ListRoles", { code: "AccessDenied", status: 403, message: "User: arn:aws:iam::123456789012:user/ana is not authorized to perform: iam:ListRoles" });
    await withApp({}, async (app) => {
      const { check } = await grade(app);
      expect(check("role-least-privilege")).toMatchObject({ status: "error" });
      expect(check("role-least-privilege").message).toContain("iam:ListRoles");
    });
  });
});
