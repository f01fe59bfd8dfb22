import { CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  GetPolicyCommand,
  InvokeCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  ResourceNotFoundException,
  type FunctionConfiguration,
} from "@aws-sdk/client-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import collector, { type LambdaFacts } from "../../checks/lambda.js";
import { ClientPool } from "../../src/collect/clients.js";
import { makeContext, type CollectOptions } from "../../src/collect/collector.js";
import type { CallError } from "../../src/core/snapshot.js";

// What labs other than lab-lambda ask of the lambda collector: resource policies (GetPolicy answers
// {Policy: "<the document as a JSON string>", RevisionId}, or ResourceNotFoundException when the
// function has none), event source mappings (ListEventSourceMappings, paged with NextMarker), and
// a trigger's last run read from CloudWatch Logs, never invoking anything.

const lambda = mockClient(LambdaClient);
const logs = mockClient(CloudWatchLogsClient);
let pool: ClientPool;

beforeEach(() => {
  lambda.reset();
  logs.reset();
  pool = new ClientPool({ credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" }) });
});
afterEach(() => pool.destroy());

const ARN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

function config(name: string, more: Partial<FunctionConfiguration> = {}): FunctionConfiguration {
  return {
    FunctionName: name,
    FunctionArn: ARN(name),
    Runtime: "python3.13",
    Role: `arn:aws:iam::123456789012:role/service-role/${name}-role`,
    Handler: "lambda_function.lambda_handler",
    MemorySize: 128,
    Timeout: 3,
    LastModified: "2026-11-28T09:40:12.345+0000",
    PackageType: "Zip",
    LoggingConfig: { LogFormat: "Text", LogGroup: `/aws/lambda/${name}` },
    ...more,
  };
}

function policy(name: string, principal: string, sourceArn?: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Id: "default",
    Statement: [
      {
        Sid: "permiso",
        Effect: "Allow",
        Principal: { Service: principal },
        Action: "lambda:InvokeFunction",
        Resource: ARN(name),
        ...(sourceArn ? { Condition: { ArnLike: { "AWS:SourceArn": sourceArn } } } : {}),
      },
    ],
  });
}

const notFound = () => new ResourceNotFoundException({ $metadata: { httpStatusCode: 404 }, message: "The resource you requested does not exist.", Type: "User" });

async function collect(parameters: CollectOptions["parameters"], options: CollectOptions = {}) {
  const errors: CallError[] = [];
  const facts = (await collector.collect(makeContext(collector, "us-east-1", pool, { parameters, ...options }, errors))) as LambdaFacts;
  return { facts, errors, fn: (name: string) => facts.functions.find((f) => f.functionName === name)! };
}

describe("lambda collector for labs that never invoke", () => {
  it("lists functions and runs nothing, reads nothing more, when the lab asks for nothing", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("hola")] });
    const { facts, errors } = await collect(undefined);
    expect(errors).toEqual([]);
    expect(facts).toMatchObject({ mode: "invoke", eventSourceMappings: null, functions: [{ functionName: "hola", policy: null, invocation: { status: "skipped" } }] });
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(lambda.commandCalls(GetPolicyCommand)).toHaveLength(0);
    expect(lambda.commandCalls(ListEventSourceMappingsCommand)).toHaveLength(0);
  });

  it("reads each function's policy from its JSON string; no policy is no statements, not an error", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("hola"), config("sola")] });
    lambda.on(GetPolicyCommand, { FunctionName: "hola" }).resolves({ Policy: policy("hola", "apigateway.amazonaws.com", "arn:aws:execute-api:us-east-1:123456789012:abc/*/*/hola"), RevisionId: "r1" });
    lambda.on(GetPolicyCommand, { FunctionName: "sola" }).rejects(notFound());
    const { fn, errors } = await collect({ lambda: { read: ["policies"] } });
    expect(errors).toEqual([]);
    expect(fn("hola").policy).toEqual({
      statements: [
        {
          sid: "permiso",
          effect: "Allow",
          principals: ["apigateway.amazonaws.com"],
          actions: ["lambda:InvokeFunction"],
          resources: [ARN("hola")],
          sourceArn: "arn:aws:execute-api:us-east-1:123456789012:abc/*/*/hola",
          sourceAccount: null,
          conditions: { ArnLike: { "AWS:SourceArn": "arn:aws:execute-api:us-east-1:123456789012:abc/*/*/hola" } },
        },
      ],
    });
    expect(fn("sola").policy).toEqual({ statements: [] });
    expect(fn("hola").role).toBe("arn:aws:iam::123456789012:role/service-role/hola-role");
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it("records a policy it may not read on that function", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("hola")] });
    lambda.on(GetPolicyCommand).rejects(Object.assign(new Error("not authorized to perform: lambda:GetPolicy"), { name: "AccessDeniedException", $fault: "client", $metadata: { httpStatusCode: 403 } }));
    const { fn, errors } = await collect({ lambda: { read: ["policies"] } });
    expect(errors).toEqual([]);
    expect(fn("hola").policy).toBeNull();
    expect(fn("hola").errors).toEqual([expect.objectContaining({ action: "lambda:GetPolicy", kind: "denied", target: "hola" })]);
  });

  it("pages through the event source mappings, naming each function without its alias", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("procesar")] });
    lambda.on(ListEventSourceMappingsCommand, { Marker: undefined }).resolves({
      EventSourceMappings: [
        { UUID: "u1", EventSourceArn: "arn:aws:sqs:us-east-1:123456789012:pedidos", FunctionArn: `${ARN("procesar")}:prod`, State: "Enabled", BatchSize: 10, LastModified: new Date("2026-11-28T09:40:00Z") },
      ],
      NextMarker: "m2",
    });
    lambda.on(ListEventSourceMappingsCommand, { Marker: "m2" }).resolves({
      EventSourceMappings: [{ UUID: "u2", EventSourceArn: "arn:aws:sqs:us-east-1:123456789012:otra", FunctionArn: ARN("procesar"), State: "Disabled", BatchSize: 5 }],
    });
    const { facts } = await collect({ lambda: { read: ["eventSourceMappings"] } });
    expect(facts.eventSourceMappings).toEqual([
      {
        uuid: "u1",
        eventSourceArn: "arn:aws:sqs:us-east-1:123456789012:pedidos",
        functionArn: ARN("procesar"),
        functionName: "procesar",
        qualifier: "prod",
        state: "Enabled",
        batchSize: 10,
        maximumBatchingWindowInSeconds: null,
        lastModified: "2026-11-28T09:40:00.000Z",
      },
      expect.objectContaining({ uuid: "u2", state: "Disabled", qualifier: null }),
    ]);
  });

  it("reads the last run of the functions S3 may invoke, and of no other, without invoking any (lastRun)", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("clasificador"), config("hola")] });
    lambda.on(GetPolicyCommand, { FunctionName: "clasificador" }).resolves({ Policy: policy("clasificador", "s3.amazonaws.com", "arn:aws:s3:::fotos") });
    lambda.on(GetPolicyCommand, { FunctionName: "hola" }).resolves({ Policy: policy("hola", "apigateway.amazonaws.com") });
    logs.on(DescribeLogStreamsCommand).resolves({ logStreams: [{ logStreamName: "2026/11/28/[$LATEST]abc", lastEventTimestamp: Date.parse("2026-11-28T09:50:03Z") }] });
    logs.on(GetLogEventsCommand).resolves({
      events: [
        { timestamp: Date.parse("2026-11-28T09:50:02Z"), message: "START RequestId: 4c1b7a52-8f0e-4d6b-9a3c-2e5f7d9b1c3a Version: $LATEST\n" },
        { timestamp: Date.parse("2026-11-28T09:50:02.5Z"), message: "Etiquetas de gato.jpg: Cat (98.7)\n" },
        { timestamp: Date.parse("2026-11-28T09:50:03Z"), message: "END RequestId: 4c1b7a52-8f0e-4d6b-9a3c-2e5f7d9b1c3a\n" },
        { timestamp: Date.parse("2026-11-28T09:50:03Z"), message: "REPORT RequestId: 4c1b7a52-8f0e-4d6b-9a3c-2e5f7d9b1c3a\tDuration: 812.00 ms\n" },
      ],
    });
    // --bucket selects the lab's bucket; it must not be taken for a function to run.
    const { facts, fn } = await collect({ lambda: { read: ["policies"], lastRun: { invokedBy: "s3.amazonaws.com" } } }, { select: "fotos" });
    expect(facts.mode).toBe("logs");
    expect(fn("clasificador").invocation).toMatchObject({ status: "logged", functionError: null, messageLines: null, startedAt: "2026-11-28T09:50:02.000Z", output: ["Etiquetas de gato.jpg: Cat (98.7)"] });
    expect(fn("hola").invocation).toMatchObject({ status: "skipped" });
    expect(logs.commandCalls(DescribeLogStreamsCommand).map((c) => c.args[0].input.logGroupName)).toEqual(["/aws/lambda/clasificador"]);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });
});
