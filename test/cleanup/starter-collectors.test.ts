import { APIGatewayClient, GetRestApisCommand, GetStagesCommand } from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client, GetApisCommand } from "@aws-sdk/client-apigatewayv2";
import { DescribeTableCommand, DynamoDBClient, DynamoDBServiceException, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeKeyCommand, KMSClient, KMSServiceException, ListKeysCommand } from "@aws-sdk/client-kms";
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import apigateway, { type CleanupApiGatewayFacts } from "../../src/cleanup/collectors/apigateway.js";
import dynamodb, { type CleanupDynamoDbFacts } from "../../src/cleanup/collectors/dynamodb.js";
import kms, { type CleanupKmsFacts } from "../../src/cleanup/collectors/kms.js";
import sqs, { type CleanupSqsFacts } from "../../src/cleanup/collectors/sqs.js";
import { ClientPool } from "../../src/collect/clients.js";
import { makeContext, type Collector } from "../../src/collect/collector.js";
import type { CallError } from "../../src/core/snapshot.js";
import { describedTable, provisioned } from "../support/crud-facts.js";

// The cleanup collectors of the starter projects' services, against SDK mocks shaped as the API
// references: KMS ListKeys (Keys, NextMarker, Truncated) and DescribeKey's KeyMetadata (KeyManager,
// KeyState, DeletionDate); SQS GetQueueAttributes' string attributes; DynamoDB; API Gateway.

const mocks = { ddb: mockClient(DynamoDBClient), kms: mockClient(KMSClient), sqs: mockClient(SQSClient), v2: mockClient(ApiGatewayV2Client), v1: mockClient(APIGatewayClient) };
let pool: ClientPool;

beforeEach(() => {
  Object.values(mocks).forEach((m) => m.reset());
  pool = new ClientPool({ credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" }) });
});
afterEach(() => pool.destroy());

async function run<F>(collector: Collector) {
  const errors: CallError[] = [];
  const facts = (await collector.collect(makeContext(collector, "us-east-1", pool, {}, errors))) as F;
  return { facts, errors };
}

describe("cleanup-kms", () => {
  it("pages through ListKeys and describes each key: whose it is, its state, when it goes", async () => {
    mocks.kms.on(ListKeysCommand, { Marker: undefined }).resolves({ Keys: [{ KeyId: "k1", KeyArn: "arn:aws:kms:us-east-1:123456789012:key/k1" }], NextMarker: "m", Truncated: true });
    mocks.kms.on(ListKeysCommand, { Marker: "m" }).resolves({ Keys: [{ KeyId: "k2" }], Truncated: false });
    mocks.kms.on(DescribeKeyCommand, { KeyId: "k1" }).resolves({
      KeyMetadata: { KeyId: "k1", Arn: "arn:aws:kms:us-east-1:123456789012:key/k1", KeyManager: "CUSTOMER", KeyState: "PendingDeletion", DeletionDate: new Date("2026-12-05T00:00:00Z"), Description: "", CreationDate: new Date("2026-11-20T10:00:00Z") },
    });
    mocks.kms.on(DescribeKeyCommand, { KeyId: "k2" }).resolves({ KeyMetadata: { KeyId: "k2", KeyManager: "AWS", KeyState: "Enabled", Description: "Default key that protects my SQS messages when no other key is defined" } });
    const { facts, errors } = await run<CleanupKmsFacts>(kms);
    expect(errors).toEqual([]);
    expect(facts.keys).toEqual([
      { keyId: "k1", arn: "arn:aws:kms:us-east-1:123456789012:key/k1", keyManager: "CUSTOMER", keyState: "PendingDeletion", description: null, creationDate: "2026-11-20T10:00:00.000Z", deletionDate: "2026-12-05T00:00:00.000Z" },
      expect.objectContaining({ keyId: "k2", keyManager: "AWS" }),
    ]);
  });

  it("says a listing that failed, not «no keys»", async () => {
    mocks.kms.on(ListKeysCommand).rejects(new KMSServiceException({ name: "AccessDeniedException", $fault: "client", $metadata: { httpStatusCode: 400 }, message: "not authorized" }));
    const { facts, errors } = await run<CleanupKmsFacts>(kms);
    expect(facts.keys).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ action: "kms:ListKeys", kind: "denied", collector: "cleanup-kms" })]);
  });
});

describe("cleanup-dynamodb", () => {
  it("describes each table with lab-crud's reader, capacity of its indexes included", async () => {
    mocks.ddb.on(ListTablesCommand).resolves({ TableNames: ["usuarios"] });
    mocks.ddb.on(DescribeTableCommand).resolves({ Table: describedTable("usuarios", { ...provisioned(5, 5), GlobalSecondaryIndexes: [{ IndexName: "i", ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 } }] }) });
    const { facts } = await run<CleanupDynamoDbFacts>(dynamodb);
    expect(facts.tables![0]).toMatchObject({ tableName: "usuarios", billingMode: "PROVISIONED", provisionedReadCapacityUnits: 7, provisionedWriteCapacityUnits: 7 });
  });

  it("keeps a table it may not describe by name, and says why", async () => {
    mocks.ddb.on(ListTablesCommand).resolves({ TableNames: ["secreta"] });
    mocks.ddb.on(DescribeTableCommand).rejects(new DynamoDBServiceException({ name: "AccessDeniedException", $fault: "client", $metadata: { httpStatusCode: 400 }, message: "no" }));
    const { facts, errors } = await run<CleanupDynamoDbFacts>(dynamodb);
    expect(facts.tables![0]).toMatchObject({ tableName: "secreta", billingMode: null });
    expect(errors).toEqual([expect.objectContaining({ action: "dynamodb:DescribeTable", target: "secreta" })]);
  });
});

describe("cleanup-sqs and cleanup-apigateway", () => {
  it("counts a queue's messages from its string attributes", async () => {
    const url = "https://sqs.us-east-1.amazonaws.com/123456789012/pedidos";
    mocks.sqs.on(ListQueuesCommand).resolves({ QueueUrls: [url] });
    mocks.sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: "2", ApproximateNumberOfMessagesNotVisible: "1", ApproximateNumberOfMessagesDelayed: "0", CreatedTimestamp: "1796162020" } });
    const { facts } = await run<CleanupSqsFacts>(sqs);
    expect(facts.queues).toEqual([{ queueName: "pedidos", queueUrl: url, messages: 3, createdTimestamp: "2026-12-01T21:53:40.000Z" }]);
  });

  it("reads REST stages' caches and lists HTTP APIs", async () => {
    mocks.v2.on(GetApisCommand).resolves({ Items: [{ ApiId: "abc123defg", Name: "hola-api", ProtocolType: "HTTP", RouteSelectionExpression: "$request.method $request.path" }] });
    mocks.v1.on(GetRestApisCommand).resolves({ items: [{ id: "rest123abc", name: "hola-rest" }] });
    mocks.v1.on(GetStagesCommand).resolves({ item: [{ stageName: "prod", cacheClusterEnabled: true, cacheClusterSize: "0.5", cacheClusterStatus: "AVAILABLE" }] });
    const { facts } = await run<CleanupApiGatewayFacts>(apigateway);
    expect(facts.apis).toEqual([
      { apiId: "abc123defg", name: "hola-api", protocolType: "HTTP", stages: [] },
      { apiId: "rest123abc", name: "hola-rest", protocolType: "REST", stages: [{ stageName: "prod", cacheClusterEnabled: true, cacheClusterSize: "0.5", cacheClusterStatus: "AVAILABLE" }] },
    ]);
  });
});
