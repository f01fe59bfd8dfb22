import type { TableDescription } from "@aws-sdk/client-dynamodb";
import { tableFacts, type TableFacts } from "../../checks/dynamodb.js";
import type { RoleFacts } from "../../checks/iam.js";
import type { HttpAnswer } from "../../src/core/evidence.js";
import type { Snapshot } from "../../src/core/snapshot.js";
import { ACCOUNT, API_ID, REGION, httpApi, lambdaFunction, route } from "./api-facts.js";

// lab-crud's student: a users table, an HTTP API with the five CRUD routes on /usuarios all
// integrated with one function, whose role may do the item calls on that table and nothing else.

export const TABLE_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/usuarios`;

/** DescribeTable's Table for a table keyed by `id` (String), on demand unless `provisioned` says otherwise. */
export function describedTable(name = "usuarios", more: Partial<TableDescription> = {}): TableDescription {
  return {
    TableName: name,
    TableArn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`,
    TableStatus: "ACTIVE",
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    BillingModeSummary: { BillingMode: "PAY_PER_REQUEST", LastUpdateToPayPerRequestDateTime: new Date("2026-11-28T09:00:00Z") },
    ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
    ItemCount: 2,
    TableSizeBytes: 120,
    CreationDateTime: new Date("2026-11-28T09:00:00Z"),
    DeletionProtectionEnabled: false,
    ...more,
  };
}

export function provisioned(read: number, write: number): Partial<TableDescription> {
  return { BillingModeSummary: { BillingMode: "PROVISIONED" }, ProvisionedThroughput: { ReadCapacityUnits: read, WriteCapacityUnits: write, NumberOfDecreasesToday: 0 } };
}

export const TABLE: TableFacts = tableFacts("usuarios", describedTable());

const document = (...Statement: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement });

export const ITEM_POLICY = document({
  Effect: "Allow",
  Action: ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Scan"],
  Resource: TABLE_ARN,
});
export const BASIC_EXECUTION = document({ Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" });
export const DYNAMODB_FULL_ACCESS = document({ Action: ["dynamodb:*", "dax:*", "application-autoscaling:*", "cloudwatch:*", "iam:GetRole", "kms:ListAliases"], Effect: "Allow", Resource: "*" });

export function role(name: string, ...policies: { name: string; document: Record<string, unknown> | null; arn?: string }[]): RoleFacts {
  return {
    roleName: name,
    arn: `arn:aws:iam::${ACCOUNT}:role/service-role/${name}`,
    path: "/service-role/",
    trustedBy: ["lambda.amazonaws.com"],
    policies: policies.map((p) => ({ name: p.name, kind: p.arn ? "managed" : "inline", arn: p.arn ?? null, document: p.document })),
    errors: [],
  };
}

export const CRUD_ROUTES = ["POST /usuarios", "GET /usuarios/{id}", "GET /usuarios", "PUT /usuarios/{id}", "DELETE /usuarios/{id}"];

export const FUNCTION = lambdaFunction("usuarios-crud", null, {
  Role: `arn:aws:iam::${ACCOUNT}:role/service-role/usuarios-crud-role-a1b2c3`,
  Environment: { Variables: { TABLA: "usuarios" } },
});
export const ROLE = role(
  "usuarios-crud-role-a1b2c3",
  { name: "AWSLambdaBasicExecutionRole-1a2b", document: BASIC_EXECUTION, arn: `arn:aws:iam::${ACCOUNT}:policy/service-role/AWSLambdaBasicExecutionRole-1a2b` },
  { name: "crud-tabla", document: ITEM_POLICY },
);

export const ID = "calificar-5e6f7a8b";
const URL = `https://${API_ID}.execute-api.${REGION}.amazonaws.com`;
function step(step: string, method: string, path: string, status: number, body: string): HttpAnswer {
  return { path, url: `${URL}${path}`, ...(method !== "GET" ? { method } : {}), step, status, body };
}

/** A walk that went through: what the probe stage records for lab-crud's active probe. */
export const WALK: HttpAnswer[] = [
  step("create", "POST", "/usuarios", 201, `{"id": "${ID}", "nombre": "Prueba de calificar ${ID}"}`),
  step("read", "GET", `/usuarios/${ID}`, 200, `{"id": "${ID}", "nombre": "Prueba de calificar ${ID}"}`),
  step("update", "PUT", `/usuarios/${ID}`, 200, `{"id": "${ID}", "nombre": "Prueba de calificar ${ID} (editada)"}`),
  step("list", "GET", "/usuarios", 200, `[{"id": "${ID}"}, {"id": "1"}]`),
  step("delete", "DELETE", `/usuarios/${ID}`, 200, `{"deleted": "${ID}"}`),
];

export function walkWith(failing: string, status: number, body: string): HttpAnswer[] {
  const at = WALK.findIndex((a) => a.step === failing);
  return [
    ...WALK.slice(0, at),
    { ...WALK[at]!, status, body },
    ...WALK.slice(at + 1).map((a) => ({ path: a.path, url: a.url, ...(a.method ? { method: a.method } : {}), step: a.step!, error: { code: "not-run" } })),
    step("cleanup", "DELETE", `/usuarios/${ID}`, 200, "{}"),
  ];
}

export const CRUD_API = {
  ...httpApi(CRUD_ROUTES.map((key) => route(key, "usuarios-crud")), undefined, { name: "usuarios-api" }),
  functions: [FUNCTION],
  roles: [ROLE],
  tables: [TABLE],
  probes: { crud: WALK },
  probeVars: { crud: { collection: "/usuarios", key: "id", unique: ID } },
};

/** The other collectors' facts behind a candidate's joins (and the account's tables). */
export function crudRelated(candidate: Record<string, unknown>): Snapshot["facts"] {
  return {
    lambda: { mode: "invoke", functions: candidate["functions"] ?? [], eventSourceMappings: null },
    iam: { accountId: ACCOUNT, summary: null, caller: null, roles: candidate["roles"] ?? [] },
    dynamodb: { tables: candidate["tables"] ?? [] },
  };
}
