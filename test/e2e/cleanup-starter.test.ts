import { readFileSync } from "node:fs";
import { join } from "node:path";
import { APIGatewayClient, CreateDeploymentCommand, CreateRestApiCommand, CreateStageCommand, GetResourcesCommand, PutIntegrationCommand, PutMethodCommand } from "@aws-sdk/client-api-gateway";
import { CreateKeyCommand, KMSClient, ScheduleKeyDeletionCommand } from "@aws-sdk/client-kms";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";
import { emulatedAws } from "../support/emulated-aws.js";
import { awsEnv } from "../support/moto.js";
import { seedHttpApi, seedQueue, seedTable } from "../support/starter-seed.js";

// `calificar limpieza` against moto for what the starter projects leave behind: a provisioned
// DynamoDB table, a REST API stage with a cache cluster, customer managed KMS keys, SQS queues and
// an HTTP API; the fake in front records every call, to prove none changes anything.

const aws = emulatedAws();
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, "schemas/cleanup.schema.json"), "utf8")));
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
const MUTATING = /:(Create|Delete|Put|Update|Schedule|Disable|Enable|Send|Purge|Set|Tag|Untag)/;


async function restApiWithCache(): Promise<string> {
  const v1 = new APIGatewayClient({ region: "us-east-1", endpoint: aws.moto.url, credentials });
  try {
    const api = await v1.send(new CreateRestApiCommand({ name: "hola-rest" }));
    const root = (await v1.send(new GetResourcesCommand({ restApiId: api.id! }))).items![0]!.id!;
    await v1.send(new PutMethodCommand({ restApiId: api.id!, resourceId: root, httpMethod: "GET", authorizationType: "NONE" }));
    await v1.send(new PutIntegrationCommand({ restApiId: api.id!, resourceId: root, httpMethod: "GET", type: "MOCK" }));
    const deployment = await v1.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: "prod" }));
    await v1.send(new CreateStageCommand({ restApiId: api.id!, stageName: "cache", deploymentId: deployment.id!, cacheClusterEnabled: true, cacheClusterSize: "0.5" }));
    return api.id!;
  } finally {
    v1.destroy();
  }
}

async function keys(): Promise<{ active: string; leaving: string }> {
  const kms = new KMSClient({ region: "us-east-1", endpoint: aws.moto.url, credentials });
  try {
    const active = await kms.send(new CreateKeyCommand({ Description: "cifrado de la cola" }));
    const leaving = await kms.send(new CreateKeyCommand({ Description: "vieja" }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: leaving.KeyMetadata!.KeyId!, PendingWindowInDays: 7 }));
    return { active: active.KeyMetadata!.KeyId!, leaving: leaving.KeyMetadata!.KeyId! };
  } finally {
    kms.destroy();
  }
}

describe("calificar limpieza: the starter projects' leftovers, against moto", () => {
  it("prices the provisioned table, the API cache and the key, lists the queue and the APIs to delete, and changes nothing", async () => {
    await seedTable(aws.moto.url, "usuarios", { name: "id", type: "S" }, { read: 30, write: 5 });
    await seedTable(aws.moto.url, "bajo-demanda");
    const restId = await restApiWithCache();
    const http = await seedHttpApi(aws.moto.url, "hola-api", []);
    const key = await keys();
    const queue = await seedQueue(aws.moto.url, "pedidos");
    const run = await runCli(["limpieza", "--region", "us-east-1", "--format", "json"], awsEnv(aws.fake.url));
    const report = JSON.parse(run.stdout);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const item = (type: string, id: string) => report.items.find((i: any) => i.type === type && i.id === id);
    expect(report.errors).toEqual([]);
    expect(item("dynamodb-table", "usuarios")).toMatchObject({ billable: true, monthlyUsd: 5.05, summary: "aprovisionada: 30 RCU y 5 WCU, 0 B guardados" });
    expect(item("dynamodb-table", "bajo-demanda")).toMatchObject({ billable: false });
    expect(item("api-cache", `${restId}/cache`)).toMatchObject({ billable: true, monthlyUsd: 14.6 });
    expect(item("api-cache", `${restId}/prod`)).toBeUndefined();
    expect(item("api-gateway-api", restId)).toMatchObject({ billable: false });
    expect(item("api-gateway-api", http.apiId)).toMatchObject({ billable: false, summary: "API HTTP" });
    expect(item("kms-key", key.active)).toMatchObject({ billable: true, monthlyUsd: 1, name: "cifrado de la cola" });
    expect(item("kms-key", key.leaving)).toMatchObject({ billable: false, state: "PendingDeletion" });
    expect(item("sqs-queue", "pedidos")).toMatchObject({ billable: false, summary: "vacía: para borrar", deleteCommands: [`aws sqs delete-queue --queue-url ${queue.url} --region us-east-1`] });
    expect(report.totals.monthlyUsd).toBe(5.05 + 14.6 + 1);
    expect(run.code).toBe(1);
    expect(aws.fake.calls).toEqual(expect.arrayContaining(["dynamodb:ListTables", "dynamodb:DescribeTable", "kms:ListKeys", "kms:DescribeKey", "sqs:ListQueues", "sqs:GetQueueAttributes"]));
    expect(aws.fake.calls.filter((c) => MUTATING.test(c))).toEqual([]);
  });

  it("says what it could not read when KMS is denied, and never that there are no keys", async () => {
    await keys();
    aws.fake.fail("kms:ListKeys", { code: "AccessDeniedException", status: 400, message: "User: arn:aws:iam::123456789012:user/ana is not authorized to perform: kms:ListKeys" });
    const run = await runCli(["limpieza", "--region", "us-east-1", "--format", "json"], awsEnv(aws.fake.url));
    const report = JSON.parse(run.stdout);
    expect(report.status).toBe("incomplete");
    expect(report.errors.map((e: any) => e.text)).toEqual(["no se pudieron revisar las claves de KMS en us-east-1: falta el permiso kms:ListKeys (AccessDeniedException)"]);
  });
});
