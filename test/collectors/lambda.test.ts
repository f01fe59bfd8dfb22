import {
  AccessDeniedException as LogsAccessDeniedException,
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  ResourceNotFoundException as LogsResourceNotFoundException,
  type OutputLogEvent,
} from "@aws-sdk/client-cloudwatch-logs";
import { InvokeCommand, LambdaClient, LambdaServiceException, ListFunctionsCommand, type FunctionConfiguration, type InvokeCommandOutput } from "@aws-sdk/client-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import collector, {
  INVOKE_TIMEOUT_MS,
  chooseRuns,
  countMessage,
  invokedFacts,
  splitRuns,
  type LambdaFacts,
} from "../../checks/lambda.js";
import { ClientPool } from "../../src/collect/clients.js";
import { makeContext, type CollectOptions } from "../../src/collect/collector.js";
import type { CallError } from "../../src/core/snapshot.js";
import labLambda from "../../labs/lab-lambda.json" with { type: "json" };
import type { LambdaParameters } from "../../src/core/lab.js";

// What to send and which functions to run come from the lab file, as in a real grading.
const PARAMS = labLambda.parameters.lambda as LambdaParameters;
const TEST_EVENT = PARAMS.event as { what_to_print: string; how_many_times: number };
const FIELD = PARAMS.messageField;

// Shapes follow the Lambda API reference: ListFunctions' FunctionConfiguration list paged with
// NextMarker; Invoke's StatusCode, FunctionError («Unhandled»), ExecutedVersion, Payload (bytes:
// the function's result, or {errorMessage, errorType, requestId, stackTrace}) and LogResult, the
// base64 of the last 4 KB of the run's log. CloudWatch Logs: DescribeLogStreams' logStreams and
// GetLogEvents' events with nextForwardToken/nextBackwardToken.

const lambda = mockClient(LambdaClient);
const logs = mockClient(CloudWatchLogsClient);
let pool: ClientPool;

beforeEach(() => {
  lambda.reset();
  logs.reset();
  pool = new ClientPool({ credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" }) });
});
afterEach(() => pool.destroy());

async function collect(options: CollectOptions = {}, region = "us-east-1") {
  const errors: CallError[] = [];
  const withLab = { parameters: labLambda.parameters as CollectOptions["parameters"], ...options };
  const facts = (await collector.collect(makeContext(collector, region, pool, withLab, errors))) as LambdaFacts;
  return { facts, errors, fn: (name: string) => facts.functions.find((f) => f.functionName === name)! };
}

function config(name: string, more: Partial<FunctionConfiguration> = {}): FunctionConfiguration {
  return {
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    Runtime: "python3.13",
    Role: "arn:aws:iam::123456789012:role/service-role/mi-funcion-role-x1y2z3",
    Handler: "lambda_function.lambda_handler",
    CodeSize: 299,
    Description: "",
    Timeout: 3,
    MemorySize: 128,
    LastModified: "2026-11-28T09:40:12.345+0000",
    CodeSha256: "p2JYx8Tq3bQmX4q4mQ7f0Yk0b6c8Xr7d0m9N1qk2s3E=",
    Version: "$LATEST",
    TracingConfig: { Mode: "PassThrough" },
    RevisionId: "3c5d1f0e-7a2b-4c9d-8e6f-1a2b3c4d5e6f",
    PackageType: "Zip",
    Architectures: ["x86_64"],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
    LoggingConfig: { LogFormat: "Text", LogGroup: `/aws/lambda/${name}` },
    ...more,
  };
}

const REQUEST_ID = "8f5a3c1e-2b7d-4e9f-a1c6-0d3e5f7a9b21";

/** A run's log as Lambda writes it in text format, cold start included. */
function runLog(printed: string[], requestId = REQUEST_ID, extra: string[] = []): string {
  return [
    "INIT_START Runtime Version: python:3.13.v31\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:0a25e3e7a1cc9ce404bc435eeb2ad358d8fa64338e618d0c224fe509403583ca",
    `START RequestId: ${requestId} Version: $LATEST`,
    ...printed,
    ...extra,
    `END RequestId: ${requestId}`,
    `REPORT RequestId: ${requestId}\tDuration: 1.52 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 32 MB\tInit Duration: 98.41 ms\t`,
    "",
  ].join("\n");
}

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const times = (n: number, line: string) => Array.from({ length: n }, () => line);

function invoked(log: string, payload: unknown = "Hola desde Platzi", more: Partial<InvokeCommandOutput> = {}): InvokeCommandOutput {
  return { StatusCode: 200, ExecutedVersion: "$LATEST", LogResult: b64(log), Payload: bytes(payload) as InvokeCommandOutput["Payload"], $metadata: { httpStatusCode: 200, requestId: REQUEST_ID }, ...more };
}

function lambdaError(name: string, status: number, message: string) {
  return new LambdaServiceException({ name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status, requestId: "c0ffee00-0000-4000-8000-000000000000" }, message });
}

const decodedPayload = (input: { Payload?: unknown }) => JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array));

describe("lambda collector: listing", () => {
  it("pages through ListFunctions and normalizes each function, secrets redacted", async () => {
    lambda
      .on(ListFunctionsCommand)
      .callsFake((input: { Marker?: string }) =>
        input.Marker === "page-2"
          ? { Functions: [config("segunda", { Runtime: "nodejs22.x", Handler: "index.handler", MemorySize: 256, LoggingConfig: { LogFormat: "JSON", LogGroup: "/custom/segunda" } })] }
          : {
              Functions: [
                config("mi-funcion", {
                  Environment: { Variables: { what_to_print: "Hola desde Platzi", how_many_times: "6", DB_PASSWORD: "s3cr3t-Pa55", API_KEY: "k-123456" } },
                }),
              ],
              NextMarker: "page-2",
            },
      );
    lambda.on(InvokeCommand).resolves(invoked(runLog(times(6, "what_to_print: Hola desde Platzi."))));
    const { facts, errors, fn } = await collect();
    expect(errors).toEqual([]);
    expect(lambda.commandCalls(ListFunctionsCommand)).toHaveLength(2);
    expect(facts.mode).toBe("invoke");
    expect(facts.functions.map((f) => f.functionName)).toEqual(["mi-funcion", "segunda"]);
    expect(fn("mi-funcion")).toMatchObject({
      functionArn: "arn:aws:lambda:us-east-1:123456789012:function:mi-funcion",
      runtime: "python3.13",
      handler: "lambda_function.lambda_handler",
      memorySize: 128,
      timeout: 3,
      packageType: "Zip",
      architectures: ["x86_64"],
      lastModified: "2026-11-28T09:40:12.345Z",
      description: null,
      logGroup: "/aws/lambda/mi-funcion",
      logFormat: "Text",
      environment: { what_to_print: "Hola desde Platzi", how_many_times: "6", DB_PASSWORD: "[redacted]", API_KEY: "[redacted]" },
      errors: [],
    });
    expect(fn("segunda")).toMatchObject({ runtime: "nodejs22.x", memorySize: 256, logGroup: "/custom/segunda", logFormat: "JSON" });
    expect(JSON.stringify(facts)).not.toContain("s3cr3t-Pa55");
    expect(JSON.stringify(facts)).not.toContain("k-123456");
  });

  it("names the default log group when the function has no LoggingConfig", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("vieja", { LoggingConfig: undefined, Runtime: "nodejs22.x" })] });
    const { fn } = await collect();
    expect(fn("vieja")).toMatchObject({ logGroup: "/aws/lambda/vieja", logFormat: null, invocation: { status: "skipped" } });
  });

  it("records a denied ListFunctions as a region error and lists nothing", async () => {
    lambda.on(ListFunctionsCommand).rejects(lambdaError("AccessDeniedException", 403, "User: arn:aws:iam::123456789012:user/ana is not authorized to perform: lambda:ListFunctions on resource: *"));
    const { facts, errors } = await collect();
    expect(facts.functions).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ action: "lambda:ListFunctions", kind: "denied", code: "AccessDeniedException", region: "us-east-1" })]);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it("locates functions in another region by name", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("mi-funcion"), config("otra")] });
    const ids = await collector.locate!(makeContext(collector, "eu-west-1", pool, {}, []));
    expect(ids).toEqual(["mi-funcion", "otra"]);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });
});

describe("lambda collector: the lab decides what runs", () => {
  it("sends the lab file's event and counts its message field, not built-in values", async () => {
    const parameters = { lambda: { event: { mensaje: "Hola clase", veces: 3 }, messageField: "mensaje", match: { runtimePrefix: "python" } } };
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("mi-funcion", { Handler: "app.main", MemorySize: 256 })] });
    lambda.on(InvokeCommand).resolves(invoked(runLog(times(3, "mensaje: Hola clase."))));
    const { fn } = await collect({ parameters });
    expect(decodedPayload(lambda.commandCalls(InvokeCommand)[0]!.args[0].input)).toEqual({ mensaje: "Hola clase", veces: 3 });
    expect(fn("mi-funcion").invocation).toMatchObject({ status: "invoked", message: "Hola clase", messageLines: 3 });
  });

  it("runs nothing when the lab gives no parameters: it cannot know what to send", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("mi-funcion")] });
    const errors: CallError[] = [];
    const facts = (await collector.collect(makeContext(collector, "us-east-1", pool, {}, errors))) as LambdaFacts;
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(facts.functions[0]!.invocation).toMatchObject({ status: "skipped" });
  });
});

describe("lambda collector: invoking", () => {
  it("invokes the lab's function once, synchronously, with the test event, and counts the env variant's lines", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("mi-funcion", { Environment: { Variables: { what_to_print: "Hola", how_many_times: "6" } } })] });
    lambda.on(InvokeCommand).resolves(invoked(runLog(times(6, "what_to_print: Hola.")), "Hola"));
    const { fn } = await collect();
    const calls = lambda.commandCalls(InvokeCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toMatchObject({ FunctionName: "mi-funcion", InvocationType: "RequestResponse", LogType: "Tail" });
    expect(decodedPayload(calls[0]!.args[0].input)).toEqual({ what_to_print: "Hola desde Platzi", how_many_times: 6 });
    expect(fn("mi-funcion").invocation).toEqual({
      status: "invoked",
      requestId: REQUEST_ID,
      statusCode: 200,
      functionError: null,
      errorType: null,
      errorMessage: null,
      message: "Hola",
      messageLines: 6,
      output: times(6, "what_to_print: Hola."),
      logStream: null,
      startedAt: null,
      tailTruncated: false,
    });
  });

  it("counts the event variant's lines (the message alone), not START/END/REPORT/INIT_START", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("mi-funcion")] });
    lambda.on(InvokeCommand).resolves(invoked(runLog(times(6, "Hola desde Platzi")), null));
    const { fn } = await collect();
    expect(fn("mi-funcion").invocation).toMatchObject({ message: "Hola desde Platzi", messageLines: 6, output: times(6, "Hola desde Platzi") });
  });

  it("counts five lines as five", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("mi-funcion", { Environment: { Variables: { what_to_print: "Hola desde Platzi", how_many_times: "5" } } })] });
    lambda.on(InvokeCommand).resolves(invoked(runLog(times(5, "what_to_print: Hola desde Platzi."))));
    const { fn } = await collect();
    expect(fn("mi-funcion").invocation).toMatchObject({ messageLines: 5, functionError: null });
  });

  it("records an Unhandled FunctionError with the payload's type and message", async () => {
    // The course's function with what_to_print but no how_many_times: int(None) raises.
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("mi-funcion", { Environment: { Variables: { what_to_print: "Hola" } } })] });
    const errorMessage = "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'";
    const log = runLog([], REQUEST_ID, [
      "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. However, in rare cases, a Lambda runtime update can cause unexpected function behavior.",
      `[ERROR] TypeError: ${errorMessage}`,
      "Traceback (most recent call last):",
      '  File "/var/task/lambda_function.py", line 6, in lambda_handler',
      '    how_many_times = int(os.environ.get("how_many_times"))',
    ]);
    lambda.on(InvokeCommand).resolves(
      invoked(
        log,
        {
          errorMessage,
          errorType: "TypeError",
          requestId: REQUEST_ID,
          stackTrace: ['  File "/var/task/lambda_function.py", line 6, in lambda_handler\n    how_many_times = int(os.environ.get("how_many_times"))\n'],
        },
        { FunctionError: "Unhandled" },
      ),
    );
    const { fn, errors } = await collect();
    expect(errors).toEqual([]);
    expect(fn("mi-funcion").errors).toEqual([]);
    expect(fn("mi-funcion").invocation).toMatchObject({ status: "invoked", statusCode: 200, functionError: "Unhandled", errorType: "TypeError", errorMessage, messageLines: 0 });
  });

  it("invokes only the Python functions that look most like the lab's, never the others", async () => {
    lambda.on(ListFunctionsCommand).resolves({
      Functions: [
        config("node", { Runtime: "nodejs22.x", Handler: "index.handler" }),
        config("grande", { MemorySize: 1024 }),
        config("mi-funcion"),
        config("imagen", { Runtime: undefined, Handler: undefined, PackageType: "Image" }),
      ],
    });
    lambda.on(InvokeCommand).resolves(invoked(runLog(times(6, "Hola desde Platzi"))));
    const { fn } = await collect();
    expect(lambda.commandCalls(InvokeCommand).map((c) => c.args[0].input.FunctionName)).toEqual(["mi-funcion"]);
    for (const name of ["node", "grande", "imagen"]) expect(fn(name).invocation).toMatchObject({ status: "skipped", messageLines: null });
    expect(fn("mi-funcion").invocation).toMatchObject({ status: "invoked", messageLines: 6 });
  });

  it("invokes equally good matches, newest first, at most three", () => {
    const f = (name: string, lastModified: string) => ({ functionName: name, functionArn: null, runtime: "python3.13", handler: "lambda_function.lambda_handler", memorySize: 128, lastModified });
    const chosen = chooseRuns([f("a", "2026-11-01"), f("b", "2026-11-04"), f("c", "2026-11-03"), f("d", "2026-11-02")], undefined, PARAMS.match);
    expect(chosen.map((c) => c.functionName)).toEqual(["b", "c", "d"]);
    expect(chooseRuns([f("a", "2026-11-01"), { ...f("node", "2026-11-05"), runtime: "nodejs22.x" }], "node", PARAMS.match).map((c) => c.functionName)).toEqual(["node"]);
    expect(chooseRuns([{ ...f("node", "2026-11-05"), runtime: "nodejs22.x" }], undefined, PARAMS.match)).toEqual([]);
  });

  it("with --function invokes the named function whatever its runtime, and nothing else", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("mi-funcion"), config("node", { Runtime: "nodejs22.x", Handler: "index.handler" })] });
    lambda.on(InvokeCommand).resolves(invoked(runLog(times(6, "Hola desde Platzi"))));
    const { fn } = await collect({ select: "node" });
    expect(lambda.commandCalls(InvokeCommand).map((c) => c.args[0].input.FunctionName)).toEqual(["node"]);
    expect(fn("mi-funcion").invocation).toMatchObject({ status: "skipped" });
    lambda.resetHistory();
    await collect({ select: "no-existe" });
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it("records a denied Invoke on the function, naming lambda:InvokeFunction, and keeps its configuration", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("mi-funcion")] });
    lambda.on(InvokeCommand).rejects(
      lambdaError("AccessDeniedException", 403, "User: arn:aws:iam::123456789012:user/ana is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:123456789012:function:mi-funcion"),
    );
    const { fn, errors } = await collect();
    expect(errors).toEqual([]);
    expect(fn("mi-funcion")).toMatchObject({
      runtime: "python3.13",
      invocation: null,
      errors: [{ action: "lambda:InvokeFunction", kind: "denied", code: "AccessDeniedException", target: "mi-funcion", region: "us-east-1", collector: "lambda" }],
    });
  });

  it("never retries an Invoke and bounds it in time", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("mi-funcion")] });
    lambda.on(InvokeCommand).rejects(Object.assign(new Error("Request did not complete within 30000 ms"), { name: "TimeoutError" }));
    const { fn } = await collect();
    expect(fn("mi-funcion").errors).toEqual([expect.objectContaining({ action: "lambda:InvokeFunction", kind: "timeout" })]);
    const call = lambda.commandCalls(InvokeCommand)[0]!;
    const client = call.thisValue as LambdaClient;
    expect(await client.config.maxAttempts()).toBe(1);
    const listing = lambda.commandCalls(ListFunctionsCommand)[0]!.thisValue as LambdaClient;
    expect(listing).not.toBe(client);
    expect(await listing.config.maxAttempts()).toBe(3);
    expect(INVOKE_TIMEOUT_MS).toBeGreaterThan(3000);
  });

  it("keeps no secret the function printed", async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("mi-funcion", { Environment: { Variables: { what_to_print: "Hola", how_many_times: "6", DB_PASSWORD: "s3cr3t-Pa55" } } })] });
    lambda.on(InvokeCommand).resolves(
      invoked(runLog([...times(6, "what_to_print: Hola."), "password is s3cr3t-Pa55", "{'AWS_SECRET_ACCESS_KEY': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AWS_ACCESS_KEY_ID': 'ASIAIOSFODNN7EXAMPLE'}"])),
    );
    const { facts, fn } = await collect();
    const text = JSON.stringify(facts);
    for (const secret of ["s3cr3t-Pa55", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "ASIAIOSFODNN7EXAMPLE"]) expect(text).not.toContain(secret);
    expect(fn("mi-funcion").invocation!.output).toContain("password is [redacted]");
    expect(fn("mi-funcion").invocation!.messageLines).toBe(6);
  });
});

describe("lambda collector: --no-invoke reads CloudWatch Logs", () => {
  const events = (log: string, start: number): OutputLogEvent[] =>
    log
      .split("\n")
      .filter((l) => l !== "")
      .map((message, i) => ({ timestamp: start + i * 10, message: `${message}\n`, ingestionTime: start + i * 10 + 500 }));
  const stream = (name: string, last: number) => ({
    logStreamName: name,
    creationTime: last - 60_000,
    firstEventTimestamp: last - 60_000,
    lastEventTimestamp: last,
    lastIngestionTime: last + 500,
    uploadSequenceToken: "49039859613988507838924627367598290271356283722049634962",
    arn: `arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/mi-funcion:log-stream:${name}`,
    storedBytes: 0,
  });
  const NEW = "2026/11/28/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  const OLD = "2026/11/27/[$LATEST]a1b2c3d4e5f60718293a4b5c6d7e8f90";
  const T = Date.parse("2026-11-28T09:41:00.000Z");

  beforeEach(() => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [config("mi-funcion", { Environment: { Variables: { what_to_print: "Hola desde Platzi", how_many_times: "6" } } })] });
  });

  it("never invokes, and grades the newest complete run, not the one still running", async () => {
    logs.on(DescribeLogStreamsCommand).resolves({ logStreams: [stream(NEW, T + 5000), stream(OLD, T - 86_400_000)] });
    const complete = runLog(times(5, "what_to_print: Hola desde Platzi."), "11111111-aaaa-4bbb-8ccc-000000000001");
    const running = ["START RequestId: 22222222-aaaa-4bbb-8ccc-000000000002 Version: $LATEST", "what_to_print: Hola desde Platzi.", ""].join("\n");
    logs.on(GetLogEventsCommand, { logStreamName: NEW }).resolves({
      events: [...events(complete, T), ...events(running, T + 5000)],
      nextForwardToken: "f/38000000000000000000000000000000000000000000000000000000",
      nextBackwardToken: "b/38000000000000000000000000000000000000000000000000000000",
    });
    logs.on(GetLogEventsCommand, { logStreamName: OLD }).resolves({
      events: events(runLog(times(6, "what_to_print: Hola desde Platzi."), "00000000-aaaa-4bbb-8ccc-000000000000"), T - 86_400_000),
      nextForwardToken: "f/1",
      nextBackwardToken: "b/1",
    });
    const { facts, fn } = await collect({ noInvoke: true });
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(facts.mode).toBe("logs");
    expect(logs.commandCalls(DescribeLogStreamsCommand)[0]!.args[0].input).toEqual({
      logGroupName: "/aws/lambda/mi-funcion",
      orderBy: "LastEventTime",
      descending: true,
      limit: 3,
    });
    expect(logs.commandCalls(GetLogEventsCommand).map((c) => c.args[0].input)).toEqual(
      expect.arrayContaining([expect.objectContaining({ logGroupName: "/aws/lambda/mi-funcion", logStreamName: NEW, startFromHead: false })]),
    );
    expect(fn("mi-funcion").invocation).toMatchObject({
      status: "logged",
      requestId: "11111111-aaaa-4bbb-8ccc-000000000001",
      messageLines: 5,
      message: "Hola desde Platzi",
      logStream: NEW,
      startedAt: new Date(T + 10).toISOString(),
      statusCode: null,
    });
  });

  it("finds the error of a run that raised", async () => {
    logs.on(DescribeLogStreamsCommand).resolves({ logStreams: [stream(NEW, T)] });
    logs.on(GetLogEventsCommand).resolves({
      events: events(runLog([], REQUEST_ID, ["[ERROR] Exception: boom", "Traceback (most recent call last):", '  File "/var/task/lambda_function.py", line 2, in lambda_handler']), T),
    });
    const { fn } = await collect({ noInvoke: true });
    expect(fn("mi-funcion").invocation).toMatchObject({ status: "logged", functionError: "Unhandled", errorType: "Exception", errorMessage: "boom" });
  });

  it("says no-logs when the log group does not exist, as a fact and not an error", async () => {
    logs.on(DescribeLogStreamsCommand).rejects(
      new LogsResourceNotFoundException({ message: "The specified log group does not exist.", $metadata: { httpStatusCode: 400 } }),
    );
    const { fn, errors } = await collect({ noInvoke: true });
    expect(errors).toEqual([]);
    expect(fn("mi-funcion")).toMatchObject({ invocation: { status: "no-logs", messageLines: null }, errors: [] });
    expect(logs.commandCalls(GetLogEventsCommand)).toHaveLength(0);
  });

  it("records a denied DescribeLogStreams on the function", async () => {
    logs.on(DescribeLogStreamsCommand).rejects(
      new LogsAccessDeniedException({ message: "User: arn:aws:iam::123456789012:user/ana is not authorized to perform: logs:DescribeLogStreams", $metadata: { httpStatusCode: 400 } }),
    );
    const { fn } = await collect({ noInvoke: true });
    expect(fn("mi-funcion")).toMatchObject({ invocation: null, errors: [expect.objectContaining({ action: "logs:DescribeLogStreams", kind: "denied", target: "mi-funcion" })] });
  });
});

describe("reading a log", () => {
  it("counts the lines of a tail whose START fell out of the 4 KB, and says it was cut", () => {
    const tail = [...times(6, "what_to_print: Hola desde Platzi."), `END RequestId: ${REQUEST_ID}`, `REPORT RequestId: ${REQUEST_ID}\tDuration: 2.01 ms`, ""].join("\n");
    const facts = invokedFacts({ StatusCode: 200, LogResult: b64(tail), $metadata: {} }, {}, PARAMS);
    expect(facts).toMatchObject({ messageLines: 6, tailTruncated: true, requestId: REQUEST_ID });
  });

  it("reads the JSON log format: platform records and the logging module's messages", () => {
    const lines = [
      JSON.stringify({ time: "2026-11-28T09:41:00.000Z", type: "platform.start", record: { requestId: REQUEST_ID, version: "$LATEST" } }),
      ...times(6, JSON.stringify({ timestamp: "2026-11-28T09:41:00.001Z", level: "INFO", message: "what_to_print: Hola.", logger: "root", requestId: REQUEST_ID })),
      JSON.stringify({ time: "2026-11-28T09:41:00.010Z", type: "platform.runtimeDone", record: { requestId: REQUEST_ID, status: "success" } }),
      JSON.stringify({ time: "2026-11-28T09:41:00.011Z", type: "platform.report", record: { requestId: REQUEST_ID, status: "success" } }),
    ].map((text) => ({ text, at: null }));
    const runs = splitRuns(lines);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ requestId: REQUEST_ID, started: true, ended: true });
    expect(countMessage(runs[0]!.output, ["Hola"], FIELD)).toEqual({ message: "Hola", count: 6 });
  });

  it.each([
    ["what_to_print: Hola desde Platzi.", 1],
    ["what_to_print: Hola desde Platzi", 1],
    ["Hola desde Platzi", 1],
    ["Hola desde Platzi.", 1],
    ["  Hola desde Platzi  ", 1],
    [`[INFO]\t2026-11-28T09:41:00.001Z\t${REQUEST_ID}\tHola desde Platzi`, 1],
    // The event printed whole, or the message inside another sentence, is not the message.
    ["{'what_to_print': 'Hola desde Platzi', 'how_many_times': 6}", 0],
    ["Mensaje: Hola desde Platzi", 0],
    [`START RequestId: ${REQUEST_ID} Version: $LATEST`, 0],
  ])("%j carries the message %i time(s)", (line, expected) => {
    const runs = splitRuns([{ text: line, at: null }]);
    const output = runs.flatMap((r) => r.output);
    expect(countMessage(output, [TEST_EVENT.what_to_print], FIELD).count).toBe(expected);
  });

  it("guesses the message from the logs only when asked, and never from a line printed once", () => {
    const output = [...times(6, "Hola Mundo"), "fin"];
    expect(countMessage(output, ["Hola desde Platzi"], FIELD)).toEqual({ message: "Hola desde Platzi", count: 0 });
    expect(countMessage(output, ["Hola desde Platzi"], FIELD, true)).toEqual({ message: "Hola Mundo", count: 6 });
    expect(countMessage(["what_to_print: Adiós.", "what_to_print: Adiós."], [], FIELD, true)).toEqual({ message: "Adiós", count: 2 });
    expect(countMessage(["Traceback (most recent call last):"], ["Hola desde Platzi"], FIELD, true).count).toBe(0);
  });
});
