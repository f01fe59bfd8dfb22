import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { tableFacts } from "../../checks/dynamodb.js";
import type { CleanupKey } from "../../src/cleanup/collectors/kms.js";
import { renderCleanupJson, renderCleanupText } from "../../src/cleanup/render.js";
import { ROOT } from "../support/cli.js";
import { describedTable, provisioned } from "../support/crud-facts.js";
import { denied, estimate, cleanupSnapshot, priced } from "./fixtures.js";

// What the starter projects leave behind, priced with data/prices.json (us-east-1): DynamoDB
// provisioned capacity 0.09 per RCU-month and 0.47 per WCU-month (25 of each always free), storage
// 0.25 per GB-month (25 GB free); a REST API stage cache of 0.5 GB 0.02 per hour; a customer
// managed KMS key 1 per month; SQS queues are not billed idle, and are listed «para borrar».

const key = (over: Partial<CleanupKey> = {}): CleanupKey => ({
  keyId: "1234abcd-12ab-34cd-56ef-1234567890ab",
  arn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  keyManager: "CUSTOMER",
  keyState: "Enabled",
  description: "cifrado de la cola",
  creationDate: "2026-11-20T10:00:00.000Z",
  deletionDate: null,
  ...over,
});

describe("DynamoDB tables", () => {
  it("bills a provisioned table's capacity, indexes included, which the always-free 25 RCU and 25 WCU cover", () => {
    const table = tableFacts("usuarios", describedTable("usuarios", { ...provisioned(5, 5), GlobalSecondaryIndexes: [{ IndexName: "por-email", ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }] }));
    const { item, report } = priced({ dynamodb: { tables: [table] } });
    const found = item("dynamodb-table", "usuarios");
    expect(found).toMatchObject({ billable: true, costKnown: true, monthlyUsd: 3.36, state: "ACTIVE", freeTier: { eligible: true, coveredUsd: 3.36 } });
    expect(found.costs.map((c) => [c.label, c.monthlyUsd, c.freeTier])).toEqual([
      ["capacidad de lectura 6 RCU", 0.54, "dynamodb-rcu"],
      ["capacidad de escritura 6 WCU", 2.82, "dynamodb-wcu"],
    ]);
    expect(found.summary).toBe("aprovisionada: 6 RCU y 6 WCU, 120 B guardados");
    expect(found.deleteCommands).toEqual(["aws dynamodb delete-table --table-name usuarios --region us-east-1"]);
    expect(found.notes[0]).toContain("aws dynamodb update-table --table-name usuarios --billing-mode PAY_PER_REQUEST --region us-east-1");
    expect(report.totals.afterFreeTierUsd).toBe(0);
  });

  it("bills what the free tier leaves over, across every table", () => {
    const { report } = priced({
      dynamodb: { tables: [tableFacts("a", describedTable("a", provisioned(20, 20))), tableFacts("b", describedTable("b", provisioned(20, 20)))] },
    });
    // 40 RCU and 40 WCU: 15 of each are beyond the free 25.
    expect(report.totals.monthlyUsd).toBe(22.4);
    expect(report.totals.afterFreeTierUsd).toBe(8.4);
  });

  it("lists an on-demand table holding a few items as free at rest, with the command that deletes it", () => {
    const { item } = priced({ dynamodb: { tables: [tableFacts("usuarios", describedTable())] } });
    expect(item("dynamodb-table")).toMatchObject({ billable: false, monthlyUsd: 0, summary: "bajo demanda, 120 B guardados" });
  });

  it("bills an on-demand table's storage beyond the free 25 GB", () => {
    const { item, report } = priced({ dynamodb: { tables: [tableFacts("grande", describedTable("grande", { TableSizeBytes: 30 * 1024 ** 3 }))] } });
    expect(item("dynamodb-table").costs.map((c) => [c.label, c.monthlyUsd])).toEqual([["almacenamiento 30 GB", 7.5]]);
    expect(report.totals.afterFreeTierUsd).toBe(1.25);
  });

  it("turns deletion protection off first, and says a table that could not be described may bill", () => {
    const protectedTable = tableFacts("usuarios", describedTable("usuarios", { DeletionProtectionEnabled: true }));
    const { item } = priced({ dynamodb: { tables: [protectedTable, tableFacts("misterio", undefined)] } });
    expect(item("dynamodb-table", "usuarios").deleteCommands).toEqual([
      "aws dynamodb update-table --table-name usuarios --no-deletion-protection-enabled --region us-east-1",
      "aws dynamodb delete-table --table-name usuarios --region us-east-1",
    ]);
    expect(item("dynamodb-table", "misterio")).toMatchObject({ billable: true, costKnown: false, summary: "sin describir" });
  });
});

describe("API Gateway", () => {
  const restApi = (size: string | null) => ({
    apiId: "rest123abc",
    name: "hola-rest",
    protocolType: "REST",
    stages: [
      { stageName: "prod", cacheClusterEnabled: size !== null, cacheClusterSize: size, cacheClusterStatus: size ? "AVAILABLE" : null },
      { stageName: "dev", cacheClusterEnabled: false, cacheClusterSize: null, cacheClusterStatus: null },
    ],
  });

  it("bills a REST stage's cache every hour, outside the free tier, and turns it off without deleting the API", () => {
    const { item } = priced({ apigateway: { apis: [restApi("0.5")] } });
    const cache = item("api-cache", "rest123abc/prod");
    expect(cache).toMatchObject({ billable: true, costKnown: true, monthlyUsd: 14.6, name: "hola-rest", freeTier: { eligible: false } });
    expect(cache.summary).toBe("etapa prod, caché de 0.5 GB, AVAILABLE");
    expect(cache.deleteCommands).toEqual([
      "aws apigateway update-stage --rest-api-id rest123abc --stage-name prod --patch-operations op=replace,path=/cacheClusterEnabled,value=false --region us-east-1",
    ]);
    expect(item("api-gateway-api", "rest123abc")).toMatchObject({ billable: false, deleteCommands: ["aws apigateway delete-rest-api --rest-api-id rest123abc --region us-east-1"] });
  });

  it("says a cache size the table has no price for is billable at an unknown cost", () => {
    const { item } = priced({ apigateway: { apis: [restApi("6.1")] } });
    expect(item("api-cache")).toMatchObject({ billable: true, costKnown: false, monthlyUsd: 0 });
    expect(item("api-cache").notes).toContain("no hay precio de una caché de 6.1 GB en la tabla: su coste es desconocido");
  });

  it("lists APIs without a cache as free while nobody calls them", () => {
    const { report, item } = priced({ apigateway: { apis: [restApi(null), { apiId: "abc123defg", name: "hola-api", protocolType: "HTTP", stages: [] }] } });
    expect(report.items.filter((i) => i.billable)).toEqual([]);
    expect(item("api-gateway-api", "abc123defg")).toMatchObject({ summary: "API HTTP", deleteCommands: ["aws apigatewayv2 delete-api --api-id abc123defg --region us-east-1"] });
  });
});

describe("KMS keys", () => {
  it("bills a customer managed key 1 USD a month, enabled or disabled, and schedules its deletion with the shortest wait", () => {
    for (const keyState of ["Enabled", "Disabled"]) {
      const { item } = priced({ kms: { keys: [key({ keyState })] } });
      expect(item("kms-key")).toMatchObject({ billable: true, costKnown: true, monthlyUsd: 1, name: "cifrado de la cola", state: keyState });
      expect(item("kms-key").deleteCommands).toEqual(["aws kms schedule-key-deletion --key-id 1234abcd-12ab-34cd-56ef-1234567890ab --pending-window-in-days 7 --region us-east-1"]);
    }
  });

  it("leaves out AWS managed keys, and does not bill a key already pending deletion", () => {
    const { report, item } = priced({ kms: { keys: [key({ keyManager: "AWS", keyId: "aws-s3" }), key({ keyState: "PendingDeletion", deletionDate: "2026-12-05T00:00:00.000Z" })] } });
    expect(report.items.map((i) => i.id)).toEqual(["1234abcd-12ab-34cd-56ef-1234567890ab"]);
    expect(item("kms-key")).toMatchObject({ billable: false, monthlyUsd: 0, summary: "se borra el 2026-12-05", deleteCommands: [] });
  });
});

describe("SQS queues", () => {
  it("lists idle queues «para borrar», not billed, with the command that deletes them", () => {
    const url = "https://sqs.us-east-1.amazonaws.com/123456789012/pedidos";
    const { item, report } = priced({ sqs: { queues: [{ queueName: "pedidos", queueUrl: url, messages: 0, createdTimestamp: "2026-11-20T10:00:00.000Z" }, { queueName: "ocupada", queueUrl: `${url}2`, messages: 3, createdTimestamp: null }] } });
    expect(item("sqs-queue", "pedidos")).toMatchObject({ billable: false, summary: "vacía: para borrar", deleteCommands: [`aws sqs delete-queue --queue-url ${url} --region us-east-1`] });
    expect(item("sqs-queue", "ocupada").summary).toBe("3 mensaje(s) en cola: para borrar cuando ya no se usen");
    expect(report.status).toBe("clean");
    expect(renderCleanupText(report, { color: false })).toContain(`○ Cola de SQS pedidos — vacía: para borrar · Borrar: aws sqs delete-queue --queue-url ${url} --region us-east-1`);
  });
});

describe("the report with the new services", () => {
  const report = () =>
    estimate(
      cleanupSnapshot({
        "us-east-1": {
          dynamodb: { tables: [tableFacts("usuarios", describedTable("usuarios", provisioned(30, 5)))] },
          kms: { keys: [key()] },
          apigateway: { apis: [{ apiId: "rest123abc", name: null, protocolType: "REST", stages: [{ stageName: "prod", cacheClusterEnabled: true, cacheClusterSize: "0.5", cacheClusterStatus: "AVAILABLE" }] }] },
          sqs: { queues: [{ queueName: "pedidos", queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/pedidos", messages: 0, createdTimestamp: null }] },
        },
      }),
      "en",
    );

  it("validates against schemas/cleanup.schema.json", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, "schemas/cleanup.schema.json"), "utf8"));
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    expect(validate(JSON.parse(renderCleanupJson(report()))), JSON.stringify(validate.errors)).toBe(true);
  });

  it("puts the billable ones first: the table, the cache, the key; then the free ones", () => {
    const items = report().items;
    expect(items.map((i) => `${i.type} ${i.billable}`)).toEqual(["dynamodb-table true", "api-cache true", "kms-key true", "api-gateway-api false", "sqs-queue false"]);
    expect(report().totals.monthlyUsd).toBe(2.7 + 2.35 + 14.6 + 1);
  });

  it("names what it could not read, service by service", () => {
    const r = estimate(cleanupSnapshot({ "us-east-1": {} }, { errors: [denied("kms:ListKeys", "us-east-1", "cleanup-kms"), denied("sqs:GetQueueAttributes", "us-east-1", "cleanup-sqs", "pedidos")] }));
    expect(r.errors.map((e) => e.text)).toEqual([
      "no se pudieron revisar las claves de KMS en us-east-1: falta el permiso kms:ListKeys (AccessDenied)",
      "no se pudo revisar la cola de SQS pedidos en us-east-1: falta el permiso sqs:GetQueueAttributes (AccessDenied)",
    ]);
  });
});
