import { DescribeTableCommand, DynamoDBClient, DynamoDBServiceException, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient, SQSServiceException } from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import dynamodb, { type DynamoDbFacts } from "../../checks/dynamodb.js";
import sqs, { type SqsFacts } from "../../checks/sqs.js";
import { ClientPool } from "../../src/collect/clients.js";
import { makeContext, type Collector } from "../../src/collect/collector.js";
import type { CallError } from "../../src/core/snapshot.js";
import { describedTable } from "../support/crud-facts.js";

// SQS (JSON protocol): ListQueues answers QueueUrls and a NextToken only when MaxResults is set;
// GetQueueAttributes answers every attribute as a string: numbers, «true», epoch seconds, and
// RedrivePolicy and Policy as JSON inside the string. DynamoDB: ListTables pages with
// LastEvaluatedTableName; DescribeTable's Table (KeySchema, AttributeDefinitions,
// BillingModeSummary — absent for tables that were always provisioned —, ProvisionedThroughput,
// GlobalSecondaryIndexes).

const sqsMock = mockClient(SQSClient);
const ddbMock = mockClient(DynamoDBClient);
let pool: ClientPool;

beforeEach(() => {
  sqsMock.reset();
  ddbMock.reset();
  pool = new ClientPool({ credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" }) });
});
afterEach(() => pool.destroy());

async function run<F>(collector: Collector, region = "us-east-1") {
  const errors: CallError[] = [];
  const facts = (await collector.collect(makeContext(collector, region, pool, {}, errors))) as F;
  return { facts, errors };
}

const URL = (name: string) => `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`;
const ARN = (name: string) => `arn:aws:sqs:us-east-1:123456789012:${name}`;

function attributes(name: string, more: Record<string, string> = {}): Record<string, string> {
  return {
    QueueArn: ARN(name),
    ApproximateNumberOfMessages: "0",
    ApproximateNumberOfMessagesNotVisible: "0",
    ApproximateNumberOfMessagesDelayed: "0",
    CreatedTimestamp: "1796162020",
    LastModifiedTimestamp: "1796162020",
    VisibilityTimeout: "30",
    MaximumMessageSize: "1048576",
    MessageRetentionPeriod: "345600",
    DelaySeconds: "0",
    ReceiveMessageWaitTimeSeconds: "0",
    SqsManagedSseEnabled: "true",
    ...more,
  };
}

describe("sqs collector", () => {
  it("pages through ListQueues, parses every attribute and resolves each dead-letter queue against the listing", async () => {
    sqsMock.on(ListQueuesCommand, { NextToken: undefined }).resolves({ QueueUrls: [URL("pedidos")], NextToken: "t2" });
    sqsMock.on(ListQueuesCommand, { NextToken: "t2" }).resolves({ QueueUrls: [URL("pedidos-dlq"), URL("huerfana")] });
    sqsMock.on(GetQueueAttributesCommand, { QueueUrl: URL("pedidos") }).resolves({
      Attributes: attributes("pedidos", {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN("pedidos-dlq"), maxReceiveCount: "5" }),
        Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "todos", Effect: "Allow", Principal: "*", Action: "SQS:SendMessage", Resource: ARN("pedidos") }] }),
      }),
    });
    sqsMock.on(GetQueueAttributesCommand, { QueueUrl: URL("pedidos-dlq") }).resolves({ Attributes: attributes("pedidos-dlq", { SqsManagedSseEnabled: "false", KmsMasterKeyId: "alias/aws/sqs" }) });
    sqsMock.on(GetQueueAttributesCommand, { QueueUrl: URL("huerfana") }).resolves({
      Attributes: attributes("huerfana", { SqsManagedSseEnabled: "false", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN("borrada"), maxReceiveCount: 3 }) }),
    });
    const { facts, errors } = await run<SqsFacts>(sqs);
    expect(errors).toEqual([]);
    expect(sqsMock.commandCalls(ListQueuesCommand)[0]!.args[0].input).toMatchObject({ MaxResults: 1000 });
    const [pedidos, dlq, huerfana] = facts.queues;
    expect(pedidos).toMatchObject({
      queueName: "pedidos",
      queueArn: ARN("pedidos"),
      visibilityTimeout: 30,
      encryption: "SSE-SQS",
      redrivePolicy: { deadLetterTargetArn: ARN("pedidos-dlq"), maxReceiveCount: 5 },
      deadLetterQueue: { arn: ARN("pedidos-dlq"), queueName: "pedidos-dlq", exists: true },
      createdTimestamp: "2026-12-01T21:53:40.000Z",
    });
    expect(pedidos!.policy!.statements).toEqual([expect.objectContaining({ sid: "todos", principals: ["*"], actions: ["SQS:SendMessage"], conditions: null })]);
    expect(dlq).toMatchObject({ encryption: "SSE-KMS", kmsMasterKeyId: "alias/aws/sqs", deadLetterSourceOf: ["pedidos"], redrivePolicy: null, policy: { statements: [] } });
    expect(huerfana).toMatchObject({ encryption: null, deadLetterQueue: { arn: ARN("borrada"), exists: false }, redrivePolicy: { maxReceiveCount: 3 } });
    expect(sqsMock.commandCalls(GetQueueAttributesCommand)[0]!.args[0].input.AttributeNames).toEqual(["All"]);
  });

  it("records a queue whose attributes it may not read on that queue, with no facts invented", async () => {
    sqsMock.on(ListQueuesCommand).resolves({ QueueUrls: [URL("pedidos")] });
    sqsMock.on(GetQueueAttributesCommand).rejects(new SQSServiceException({ name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "Access to the resource is denied." }));
    const { facts, errors } = await run<SqsFacts>(sqs);
    expect(errors).toEqual([]);
    expect(facts.queues[0]).toMatchObject({ queueName: "pedidos", queueArn: null, policy: null, encryption: null });
    expect(facts.queues[0]!.errors).toEqual([expect.objectContaining({ action: "sqs:GetQueueAttributes", kind: "denied", target: "pedidos" })]);
  });

  it("says a listing that failed, not «no queues»", async () => {
    sqsMock.on(ListQueuesCommand).rejects(new SQSServiceException({ name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "denied" }));
    const { facts, errors } = await run<SqsFacts>(sqs);
    expect(facts.queues).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ action: "sqs:ListQueues", kind: "denied" })]);
  });
});

describe("dynamodb collector", () => {
  it("pages through ListTables and describes each table: keys with their types, billing mode, capacity with indexes", async () => {
    ddbMock.on(ListTablesCommand, { ExclusiveStartTableName: undefined }).resolves({ TableNames: ["usuarios"], LastEvaluatedTableName: "usuarios" });
    ddbMock.on(ListTablesCommand, { ExclusiveStartTableName: "usuarios" }).resolves({ TableNames: ["viejo"] });
    ddbMock.on(DescribeTableCommand, { TableName: "usuarios" }).resolves({ Table: describedTable("usuarios") });
    // Always provisioned: no BillingModeSummary at all.
    const { BillingModeSummary: _none, ...old } = describedTable("viejo", {
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "N" }, { AttributeName: "sk", AttributeType: "S" }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5, NumberOfDecreasesToday: 0 },
      GlobalSecondaryIndexes: [{ IndexName: "por-fecha", ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 2 } }],
    });
    ddbMock.on(DescribeTableCommand, { TableName: "viejo" }).resolves({ Table: old });
    const { facts, errors } = await run<DynamoDbFacts>(dynamodb);
    expect(errors).toEqual([]);
    expect(facts.tables[0]).toMatchObject({
      tableName: "usuarios",
      partitionKey: { name: "id", type: "S" },
      sortKey: null,
      billingMode: "PAY_PER_REQUEST",
      provisionedReadCapacityUnits: 0,
      provisionedWriteCapacityUnits: 0,
      tableClass: "STANDARD",
    });
    expect(facts.tables[1]).toMatchObject({
      tableName: "viejo",
      partitionKey: { name: "pk", type: "N" },
      sortKey: { name: "sk", type: "S" },
      billingMode: "PROVISIONED",
      readCapacityUnits: 5,
      provisionedReadCapacityUnits: 8,
      provisionedWriteCapacityUnits: 7,
      globalSecondaryIndexes: [{ indexName: "por-fecha", readCapacityUnits: 3, writeCapacityUnits: 2 }],
    });
  });

  it("records a table it may not describe as an error of the region, naming the table", async () => {
    ddbMock.on(ListTablesCommand).resolves({ TableNames: ["usuarios"] });
    ddbMock.on(DescribeTableCommand).rejects(new DynamoDBServiceException({ name: "AccessDeniedException", $fault: "client", $metadata: { httpStatusCode: 400 }, message: "not authorized" }));
    const { facts, errors } = await run<DynamoDbFacts>(dynamodb);
    expect(facts.tables[0]).toMatchObject({ tableName: "usuarios", partitionKey: null, billingMode: null });
    expect(errors).toEqual([expect.objectContaining({ action: "dynamodb:DescribeTable", kind: "denied", target: "usuarios", region: "us-east-1" })]);
  });
});
