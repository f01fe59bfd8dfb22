import { describe, expect, it } from "vitest";
import { tableFacts } from "../../checks/dynamodb.js";
import { evaluate } from "../../src/core/evaluate.js";
import { checkTable, gradeOne, readLab, snapshotWith } from "../support/check-table.js";
import { httpApi, route } from "../support/api-facts.js";
import {
  BASIC_EXECUTION,
  CRUD_API,
  CRUD_ROUTES,
  DYNAMODB_FULL_ACCESS,
  FUNCTION,
  ID,
  ROLE,
  TABLE,
  WALK,
  crudRelated,
  describedTable,
  provisioned,
  role,
  walkWith,
} from "../support/crud-facts.js";

// lab-crud grades an API (routes, integrations, the CRUD walk) joined with the functions its
// routes invoke, their roles and the region's tables; table-exists and capacity-free-tier read the
// account's tables directly. CRUD_API passes every check.

const LAB = readLab("lab-crud");
const related = crudRelated;
const routes = (...keys: string[]) => httpApi(keys.map((k) => route(k, "usuarios-crud")), undefined, { name: "usuarios-api" });

checkTable("lab-crud", "table-exists", CRUD_API, {
  related,
  passes: [{}, { tables: [tableFacts("numeros", describedTable("numeros", { AttributeDefinitions: [{ AttributeName: "id", AttributeType: "N" }] })), TABLE] }],
  fails: [
    {
      facts: { tables: [tableFacts("numeros", describedTable("numeros", { AttributeDefinitions: [{ AttributeName: "id", AttributeType: "N" }] }))] },
      found: "numeros (id: N)",
      says: { es: "tablas con clave de partición de texto (S): se esperaba una tabla cuya clave de partición sea de tipo String (S)", en: "expected a table whose partition key is a String (S)" },
    },
    { facts: { tables: [] }, found: null },
  ],
  errors: [
    {
      errors: [{ action: "dynamodb:ListTables", code: "AccessDeniedException", kind: "denied", message: "not authorized", collector: "dynamodb", region: "us-east-1" }],
      says: { es: "falta el permiso dynamodb:ListTables", en: "the permission dynamodb:ListTables is missing" },
    },
    {
      errors: [{ action: "dynamodb:DescribeTable", code: "AccessDeniedException", kind: "denied", message: "not authorized", collector: "dynamodb", region: "us-east-1", target: "usuarios" }],
      facts: { tables: [tableFacts("usuarios", undefined)] },
    },
  ],
});

checkTable("lab-crud", "capacity-free-tier", CRUD_API, {
  related,
  passes: [
    {},
    { tables: [tableFacts("usuarios", describedTable("usuarios", provisioned(5, 5)))] },
    // 25 in all, an index included: exactly the free tier.
    {
      tables: [
        tableFacts("usuarios", describedTable("usuarios", { ...provisioned(20, 10), GlobalSecondaryIndexes: [{ IndexName: "por-email", ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }] })),
        tableFacts("otra", describedTable("otra", provisioned(0, 10))),
      ],
    },
  ],
  fails: [
    {
      facts: { tables: [tableFacts("usuarios", describedTable("usuarios", provisioned(50, 5)))] },
      found: "50",
      says: {
        es: "capacidad de lectura aprovisionada en la región (RCU, tablas e índices): se esperaba como máximo 25, se encontró 50",
        en: "read capacity provisioned in the region (RCU, tables and indexes): expected at most 25, found 50",
      },
    },
    {
      facts: { tables: [tableFacts("a", describedTable("a", provisioned(5, 20))), tableFacts("b", describedTable("b", { ...provisioned(5, 5), GlobalSecondaryIndexes: [{ IndexName: "i", ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }] }))] },
      found: "26",
    },
  ],
});

checkTable("lab-crud", "routes-crud", CRUD_API, {
  related,
  passes: [
    {},
    routes("POST /users", "GET /users", "GET /users/{userId}", "PUT /users/{userId}", "DELETE /users/{userId}"),
    routes("ANY /usuarios", "ANY /usuarios/{id}"),
    // Prefixed resources work too.
    routes("POST /v1/usuarios", "GET /v1/usuarios", "GET /v1/usuarios/{id}", "PUT /v1/usuarios/{id}", "DELETE /v1/usuarios/{id}"),
  ],
  fails: [
    {
      facts: routes("POST /usuarios", "GET /usuarios", "GET /usuarios/{id}"),
      found: "POST /usuarios, GET /usuarios, GET /usuarios/{id}",
      says: { es: "recurso con las rutas del CRUD: se esperaba crear, leer uno, listar, actualizar y borrar sobre un recurso", en: "resource with the CRUD's routes: expected create, read one, list, update and delete" },
    },
    // The operations spread over two resources are no CRUD of one.
    { facts: routes("POST /usuarios", "GET /usuarios", "GET /clientes/{id}", "PUT /clientes/{id}", "DELETE /clientes/{id}") },
    // A catch-all says nothing of which operations exist.
    { facts: routes("ANY /{proxy+}"), found: "ANY /{proxy+}" },
    { facts: routes("$default"), found: "$default" },
  ],
});

checkTable("lab-crud", "lambda-integration", CRUD_API, {
  related,
  passes: [{}, { ...httpApi([...CRUD_ROUTES.map((k) => route(k, "usuarios-crud")), route("GET /salud", null)]) }],
  fails: [
    {
      facts: httpApi([...CRUD_ROUTES.slice(0, 4).map((k) => route(k, "usuarios-crud")), route("DELETE /usuarios/{id}", null)]),
      found: "DELETE /usuarios/{id}",
      says: { es: "rutas sin una función Lambda como proxy (AWS_PROXY): DELETE /usuarios/{id}", en: "routes without a Lambda function as a proxy (AWS_PROXY): DELETE /usuarios/{id}" },
    },
    {
      facts: { ...httpApi(CRUD_ROUTES.map((k) => route(k, null)), undefined, { name: "usuarios-api" }), functions: [] },
      says: { es: "ninguna ruta de usuarios-api invoca una función Lambda como proxy", en: "no route of usuarios-api invokes a Lambda function as a proxy" },
    },
  ],
});

const withPolicies = (...policies: Parameters<typeof role>[1][]) => ({ roles: [role("usuarios-crud-role-a1b2c3", ...policies)] });

checkTable("lab-crud", "role-least-privilege", CRUD_API, {
  related,
  passes: [
    {},
    // Actions by wildcard, on the table and its indexes.
    withPolicies({ name: "tabla", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["dynamodb:*Item", "dynamodb:Scan", "dynamodb:Query"], Resource: ["arn:aws:dynamodb:us-east-1:123456789012:table/usuarios", "arn:aws:dynamodb:us-east-1:123456789012:table/usuarios/index/*"] }] } }),
    // dynamodb:* on this table alone is not «everything on every table».
    withPolicies({ name: "tabla", document: { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "dynamodb:*", Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/usuarios" } } }),
  ],
  fails: [
    {
      facts: withPolicies({ name: "AmazonDynamoDBFullAccess", document: DYNAMODB_FULL_ACCESS, arn: "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess" }),
      says: {
        es: "el rol de la función permite dynamodb:* sobre todas las tablas (Resource «*»), hasta dynamodb:DeleteTable sobre cualquiera",
        en: "the function's role allows dynamodb:* on every table (Resource «*»), even dynamodb:DeleteTable on any of them",
      },
    },
    {
      facts: withPolicies({ name: "basico", document: BASIC_EXECUTION }),
      found: "dynamodb:PutItem, dynamodb:GetItem, dynamodb:DeleteItem, dynamodb:Scan",
      says: { es: "el rol de la función no permite dynamodb:PutItem, dynamodb:GetItem, dynamodb:DeleteItem, dynamodb:Scan sobre la tabla", en: "does not allow dynamodb:PutItem" },
    },
    {
      facts: withPolicies({ name: "sin-scan", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:DeleteItem"], Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/usuarios" }] } }),
      found: "dynamodb:Scan",
    },
    // An explicit Deny beats the Allow.
    {
      facts: withPolicies({ name: "tabla", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*Item", Resource: "*" }, { Effect: "Allow", Action: "dynamodb:Scan", Resource: "*" }, { Effect: "Deny", Action: "dynamodb:DeleteItem", Resource: "*" }] } }),
      found: "dynamodb:DeleteItem",
    },
    // Another table's permissions are not this table's.
    { facts: withPolicies({ name: "otra", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/otra" }] } }), found: "dynamodb:PutItem, dynamodb:GetItem, dynamodb:DeleteItem, dynamodb:Scan" },
    { facts: { ...routes(...CRUD_ROUTES.map((k) => k)), routes: CRUD_ROUTES.map((k) => route(k, null)), functions: [], roles: [] }, says: { es: "no invoca ninguna función Lambda", en: "invokes no Lambda function" } },
    { facts: { tables: [] }, says: { es: "no hay ninguna tabla de DynamoDB en la región", en: "there is no DynamoDB table in the region" } },
  ],
  errors: [
    {
      facts: { roles: [{ ...ROLE, policies: [], errors: [{ action: "iam:ListRolePolicies", code: "AccessDenied", kind: "denied", message: "not authorized", collector: "iam", target: ROLE.roleName }] }] },
      errors: [],
      says: { es: "falta el permiso iam:ListRolePolicies", en: "the permission iam:ListRolePolicies is missing" },
    },
  ],
});

describe("lab-crud › role-least-privilege", () => {
  it("is a warning: failing it never blocks the pass", () => {
    const candidate = { ...CRUD_API, ...withPolicies({ name: "AmazonDynamoDBFullAccess", document: DYNAMODB_FULL_ACCESS, arn: "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess" }) };
    const result = gradeOne(LAB, candidate, { facts: related(candidate) });
    expect(result.checks.find((c) => c.id === "role-least-privilege")).toMatchObject({ status: "failed", severity: "warning" });
    expect(result.passed).toBe(true);
    expect(result.score).toBe(9);
  });

  it("picks the table the function names in its environment, among several", () => {
    const other = tableFacts("pedidos", describedTable("pedidos"));
    const candidate = { ...CRUD_API, tables: [other, TABLE] };
    const check = gradeOne(LAB, candidate, { facts: related(candidate) }).checks.find((c) => c.id === "role-least-privilege")!;
    expect(check.status).toBe("passed");
    expect(check.message).toContain("tabla: usuarios");
    const unnamed = { ...candidate, functions: [{ ...FUNCTION, environment: {} }] };
    // Without the variable the first string-keyed table stands in for it: here the wrong one.
    expect(gradeOne(LAB, unnamed, { facts: related(unnamed) }).checks.find((c) => c.id === "role-least-privilege")!.status).toBe("failed");
  });
});

checkTable("lab-crud", "crud-works", CRUD_API, {
  related,
  passes: [{}],
  fails: [
    {
      facts: { probes: { crud: walkWith("update", 500, '{"message":"Internal Server Error"}') } },
      says: {
        es: `prueba CRUD a través de la API: se esperaba crear, leer, actualizar, listar y borrar un usuario de prueba con respuestas 2xx, y que leer y listar lo muestren, se encontró POST /usuarios → 201`,
        en: "PUT /usuarios/calificar-5e6f7a8b → 500",
      },
    },
    // 200, but the list does not show the item: the function did not really save it.
    { facts: { probes: { crud: WALK.map((a) => (a.step === "list" ? { ...a, body: "[]" } : a)) } }, says: { es: "GET /usuarios → 200 «[]»", en: "GET /usuarios → 200 «[]»" } },
    { facts: { probes: { crud: WALK.map((a) => (a.step === "read" ? { ...a, status: 404, body: '{"message":"no existe"}' } : a)) } } },
    // Nothing to walk: the API has no CRUD resource or no stage.
    { facts: { probes: { crud: [{ path: "{collection}", url: "", error: { code: "no-target" } }] } }, says: { es: "nada que probar", en: "nothing to probe" } },
    { facts: { probes: { crud: [] } } },
  ],
  errors: [
    {
      errors: [{ action: "http:active", code: "timeout", kind: "timeout", message: "Headers Timeout Error", target: `https://abc123defg.execute-api.us-east-1.amazonaws.com/usuarios/${ID}` }],
      says: { es: "no respondió a tiempo", en: "did not answer in time" },
    },
  ],
});

describe("lab-crud › crud-works without --probar-crud", () => {
  it("is skipped, saying how to run it, and costs the lab only its own points", () => {
    const { probes: _probes, probeVars: _vars, ...withoutWalk } = CRUD_API;
    const snapshot = snapshotWith(LAB, withoutWalk, { facts: related(CRUD_API), skipped: [{ action: "http:active", reason: "--probar-crud", optIn: true }] });
    for (const lang of ["es", "en"] as const) {
      const result = evaluate(LAB, snapshot, { lang, now: new Date("2026-11-28T10:00:00Z") });
      const check = result.checks.find((c) => c.id === "crud-works")!;
      expect(check.status).toBe("skipped");
      expect(check.message).toContain(lang === "es" ? "califica de nuevo con --probar-crud" : "grade again with --try-crud");
      expect(result.score).toBe(8);
      expect(result.passed).toBe(true);
    }
  });
});

describe("lab-crud › the walk's vars", () => {
  const vars = LAB.probes![0]!.vars!;
  const candidate = (facts: Record<string, unknown>) => ({ ...CRUD_API, ...facts });

  it("points the walk at the CRUD resource on the served stage, with the table's partition key", async () => {
    const { query } = await import("../../src/core/compile.js");
    expect(query(vars["collection"]!, CRUD_API)).toBe("/usuarios");
    expect(query(vars["key"]!, CRUD_API)).toBe("id");
    const staged = candidate({ stages: [{ ...CRUD_API.stages[0]!, stageName: "prod", invokePath: "/prod" }] });
    expect(query(vars["collection"]!, staged)).toBe("/prod/usuarios");
    const keyed = candidate({ tables: [tableFacts("usuarios", describedTable("usuarios", { KeySchema: [{ AttributeName: "usuarioId", KeyType: "HASH" }], AttributeDefinitions: [{ AttributeName: "usuarioId", AttributeType: "S" }] }))] });
    expect(query(vars["key"]!, keyed)).toBe("usuarioId");
  });

  it("has nowhere to go without a complete resource or a served stage", async () => {
    const { query } = await import("../../src/core/compile.js");
    expect(query(vars["collection"]!, candidate(routes("POST /usuarios", "GET /usuarios")))).toBeNull();
    expect(query(vars["collection"]!, candidate({ stages: [{ ...CRUD_API.stages[0]!, autoDeploy: false }] }))).toBeNull();
    expect(query(vars["key"]!, candidate({ tables: [] }))).toBe("id");
  });
});
