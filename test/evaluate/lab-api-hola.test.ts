import { describe, expect, it } from "vitest";
import { checkTable, gradeOne, readLab } from "../support/check-table.js";
import {
  API_ARN,
  DEFAULT_STAGE,
  answer,
  httpApi,
  invokePolicy,
  lambdaFactsOf,
  lambdaFunction,
  restStage,
  route,
} from "../support/api-facts.js";
import type { CallError } from "../../src/core/snapshot.js";

// Rows are the API as its checks see it: the apigateway collector's facts plus `functions`, the
// Lambda functions its routes integrate (the lab's join), which `related` puts back in the lambda
// collector's facts so the real join finds them. BASE passes every check of lab-api-hola.

const LAB = readLab("lab-api-hola");
const HOLA = lambdaFunction("hola", invokePolicy("hola", [{ principal: "apigateway.amazonaws.com", sourceArn: `${API_ARN}/*/*/hola` }]));
const BASE = {
  ...httpApi([route("GET /hola", "hola")]),
  functions: [HOLA],
  probes: { web: [answer("/hola", 200, "¡Hola Mundo desde Lambda!")] },
};
const related = lambdaFactsOf;

const denied = (action: string, target = "hola", collector = "lambda"): CallError => ({
  action,
  code: action.startsWith("lambda:") ? "AccessDeniedException" : "AccessDeniedException",
  kind: "denied",
  message: `User: arn:aws:iam::123456789012:user/ana is not authorized to perform: ${action}`,
  collector,
  region: "us-east-1",
  target,
});

/** The function with another policy (a GetPolicy JSON string, or null: none at all). */
const holaWith = (policy: string | null, more = {}) => ({ functions: [{ ...lambdaFunction("hola", policy), ...more }] });

checkTable("lab-api-hola", "api-exists", BASE, {
  related,
  passes: [{}, { protocolType: "REST", name: "hola-rest" }, { name: null }],
  fails: [{ facts: { apiId: "", name: null }, found: "? (HTTP, ?)" }],
});

checkTable("lab-api-hola", "route-get", BASE, {
  related,
  passes: [
    httpApi([route("GET /hola", "hola")]),
    // What the Lambda console's «Add trigger → API Gateway» makes: ANY /<function>.
    httpApi([route("ANY /hola", "hola")]),
    httpApi([route("$default", "hola")]),
    httpApi([route("GET /", "hola")], [restStage("prod")], { protocolType: "REST" }),
  ],
  fails: [
    { facts: httpApi([route("POST /hola", "hola")]), found: "POST /hola", says: { es: "rutas GET: se esperaba una ruta GET, ANY o $default", en: "GET routes: expected a GET, ANY or $default route" } },
    { facts: httpApi([]), found: null },
  ],
  errors: [{ facts: { errors: [denied("apigateway:GET", "abc123defg", "apigateway")] }, errors: [], says: { es: "falta el permiso apigateway:GET", en: "the permission apigateway:GET is missing" } }],
});

checkTable("lab-api-hola", "lambda-integration", BASE, {
  related,
  passes: [{}, httpApi([route("ANY /hola", "hola")]), httpApi([route("GET /hola", null), route("ANY /{proxy+}", "hola")])],
  fails: [
    { facts: httpApi([route("GET /hola", null)]), found: "GET /hola → —" },
    { facts: httpApi([route("GET /hola", "hola", ["$default"], "AWS")]), found: "GET /hola → AWS hola", says: { es: "como proxy (AWS_PROXY)", en: "as a proxy (AWS_PROXY)" } },
    // The Lambda route is a POST: the GET route proxies somewhere else.
    { facts: httpApi([route("GET /hola", "hola", ["$default"], "HTTP_PROXY"), route("POST /hola", "hola")]), found: "GET /hola → HTTP_PROXY" },
  ],
});

checkTable("lab-api-hola", "invoke-permission", BASE, {
  related,
  passes: [
    {},
    holaWith(invokePolicy("hola", [{ principal: "apigateway.amazonaws.com", sourceArn: `${API_ARN}/*` }])),
    holaWith(invokePolicy("hola", [{ principal: "apigateway.amazonaws.com", sourceArn: `${API_ARN}/$default/GET/hola` }])),
    // Another service's statement first, then API Gateway's.
    holaWith(invokePolicy("hola", [{ principal: "s3.amazonaws.com" }, { principal: "apigateway.amazonaws.com", sourceArn: `${API_ARN}/*/*/hola` }])),
    // No SourceArn at all still works (a note says so).
    holaWith(invokePolicy("hola", [{ principal: "apigateway.amazonaws.com" }])),
    holaWith(invokePolicy("hola", [{ principal: "apigateway.amazonaws.com", action: "lambda:*", sourceArn: `${API_ARN}/*` }])),
  ],
  fails: [
    {
      facts: holaWith(null),
      found: "hola",
      says: {
        es: "la política de hola no deja que API Gateway (apigateway.amazonaws.com) la invoque desde esta API",
        en: "the policy of hola does not let API Gateway (apigateway.amazonaws.com) invoke it from this API",
      },
    },
    // A permission for another API, or for another route, is no permission for this one.
    { facts: holaWith(invokePolicy("hola", [{ principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:us-east-1:123456789012:zzz999/*" }])), found: "hola" },
    { facts: holaWith(invokePolicy("hola", [{ principal: "apigateway.amazonaws.com", sourceArn: `${API_ARN}/*/*/adios` }])), found: "hola" },
    { facts: holaWith(invokePolicy("hola", [{ principal: "s3.amazonaws.com" }])), found: "hola" },
    {
      facts: { ...httpApi([route("GET /hola", null)]), functions: [] },
      found: "hola-api",
      says: { es: "ninguna ruta GET de hola-api invoca una función Lambda", en: "no GET route of hola-api invokes a Lambda function" },
    },
  ],
  errors: [
    { facts: holaWith(null, { errors: [denied("lambda:GetPolicy")], policy: null }), errors: [], says: { es: "falta el permiso lambda:GetPolicy", en: "the permission lambda:GetPolicy is missing" } },
  ],
});

describe("lab-api-hola › invoke-permission notes", () => {
  it("passes a permission with no SourceArn, warning that any API could invoke the function", () => {
    const result = gradeOne(LAB, { ...BASE, ...holaWith(invokePolicy("hola", [{ principal: "apigateway.amazonaws.com" }])) }, { facts: related(holaWith(invokePolicy("hola", [{ principal: "apigateway.amazonaws.com" }]))) });
    const check = result.checks.find((c) => c.id === "invoke-permission")!;
    expect(check.status).toBe("passed");
    expect(check.notes).toEqual([expect.stringContaining("aviso: el permiso no se limita a esta API")]);
    expect(check.message).toContain("función: hola");
  });

  it("adds no note to a permission scoped to the API", () => {
    const check = gradeOne(LAB, BASE, { facts: related(BASE) }).checks.find((c) => c.id === "invoke-permission")!;
    expect(check.status).toBe("passed");
    expect(check.notes).toBeUndefined();
  });

  it("warns about a SourceArn that names every API of the account", () => {
    const wide = holaWith(invokePolicy("hola", [{ principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:us-east-1:123456789012:*" }]));
    const check = gradeOne(LAB, { ...BASE, ...wide }, { facts: related(wide) }, "en").checks.find((c) => c.id === "invoke-permission")!;
    expect(check.status).toBe("passed");
    expect(check.notes).toEqual([expect.stringContaining("warning: the permission is not limited to this API")]);
  });
});

checkTable("lab-api-hola", "stage-deployed", BASE, {
  related,
  passes: [{}, { stages: [restStage("prod")] }, { stages: [{ ...DEFAULT_STAGE, stageName: "default" }] }, { stages: [{ ...DEFAULT_STAGE, autoDeploy: false, deploymentId: "d1" }] }],
  fails: [
    { facts: { stages: [{ ...DEFAULT_STAGE, autoDeploy: false }] }, found: "$default" },
    { facts: { stages: [] }, found: null, says: { es: "etapas: se esperaba una etapa que sirva la API", en: "stages: expected a stage serving the API" } },
  ],
});

checkTable("lab-api-hola", "endpoint-answers", BASE, {
  related,
  passes: [
    { probes: { web: [answer("/hola", 200, "¡Hola Mundo!")] } },
    { probes: { web: [answer("/hola", 200, '{"mensaje": "Hola desde Lambda"}')] } },
  ],
  fails: [
    {
      facts: { probes: { web: [answer("/hola", 500, '{"message":"Internal Server Error"}')] } },
      found: 'GET /hola → 500 «{"message":"Internal Server Error"}»',
      says: {
        es: 'respuesta de la API: se esperaba 200 con un texto que contenga «Hola», se encontró GET /hola → 500 «{"message":"Internal Server Error"}»',
        en: "the API's answer: expected 200 with a text containing «Hola», found GET /hola → 500",
      },
    },
    { facts: { probes: { web: [answer("/hola", 200, "Hello World")] } }, found: "GET /hola → 200 «Hello World»" },
    { facts: { probes: { web: [answer("/hola", 404, '{"message":"Not Found"}')] } }, found: 'GET /hola → 404 «{"message":"Not Found"}»' },
    {
      facts: { probes: { web: [{ path: "{path}", url: "", error: { code: "no-target" } }] } },
      says: { es: "GET {path} → nada que probar (falta la ruta o la etapa desplegada)", en: "GET {path} → nothing to probe (no route or deployed stage)" },
    },
  ],
  errors: [
    {
      errors: [{ action: "http:GET", code: "timeout", kind: "timeout", message: "Headers Timeout Error", target: "https://abc123defg.execute-api.us-east-1.amazonaws.com/hola" }],
      says: { es: "no respondió a tiempo", en: "did not answer in time" },
    },
  ],
});

describe("lab-api-hola › the probe's path", () => {
  const path = LAB.probes![0]!.vars!["path"]!;
  it("is the GET route on the served stage", async () => {
    const { query } = await import("../../src/core/compile.js");
    expect(query(path, BASE)).toBe("/hola");
    expect(query(path, httpApi([route("ANY /hola-function", "hola")], [{ ...DEFAULT_STAGE, stageName: "default", invokePath: "/default" }]))).toBe("/default/hola-function");
    expect(query(path, httpApi([route("$default", "hola")]))).toBe("/");
    // A route to the function wins over one to nothing.
    expect(query(path, httpApi([route("GET /vacia", null), route("GET /hola", "hola")]))).toBe("/hola");
    expect(query(path, httpApi([route("GET /hola", "hola")], [restStage("prod")], { protocolType: "REST" }))).toBe("/prod/hola");
  });
  it("is missing without a GET route or a served stage", async () => {
    const { query } = await import("../../src/core/compile.js");
    expect(query(path, httpApi([route("POST /hola", "hola")]))).toBeNull();
    expect(query(path, httpApi([route("GET /hola", "hola")], []))).toBeNull();
  });
});
