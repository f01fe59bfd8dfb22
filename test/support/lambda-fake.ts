import { execFileSync, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateFunctionCommand, GetFunctionConfigurationCommand, LambdaClient, type Runtime } from "@aws-sdk/client-lambda";
import { errorAnswer, type Answer, type FakeAws, type FakeRequest } from "./fake-aws.js";

/**
 * Lambda for end-to-end tests. moto 5.2 emulates CreateFunction, ListFunctions,
 * GetFunctionConfiguration and CloudWatch Logs, but runs Invoke only in Docker. So functions are
 * created in moto with their code, and the loopback fake answers Invoke the way Lambda does: it
 * reads the function's configuration back from moto (handler, environment, memory, timeout), runs
 * its Python code with python3 (the test event as `event`, the environment variables set),
 * answers with the result or the error payload (X-Amz-Function-Error: Unhandled), the base64 of
 * the last 4 KB of the run's log in X-Amz-Log-Result, and writes that log to moto's CloudWatch
 * Logs in /aws/lambda/<name>, as Lambda does.
 */

/** The course's function (funcion_lambda.py of mauropm/aws-platzi-python): message and count from environment variables. */
export const COURSE_ENV_CODE = `import os


def lambda_handler(event, context):
    what_to_print = os.environ.get("what_to_print")
    how_many_times = int(os.environ.get("how_many_times"))

    # make sure what_to_print and how_many_times values exist
    if what_to_print and how_many_times > 0:
        for i in range(0, how_many_times):
            # formatted string literals are new in Python 3.6
            print(f"what_to_print: {what_to_print}.")
        return what_to_print
    return None
`;

/** The course's other variant: message and count from the test event. */
export const COURSE_EVENT_CODE = `def lambda_handler(event, context):
    what_to_print = event["what_to_print"]
    how_many_times = event["how_many_times"]

    if what_to_print and how_many_times > 0:
        for i in range(0, how_many_times):
            print(what_to_print)
        return what_to_print
    return None
`;

/** What a student built, in the words of the console. Unset fields are what the course asks for (the env variant). */
export interface StudentFunction {
  region?: string;
  name?: string;
  runtime?: string;
  handler?: string;
  memorySize?: number;
  timeout?: number;
  environment?: Record<string, string>;
  /** Python source of lambda_function.py, the file the console creates. */
  code?: string;
}

export interface LambdaWorld {
  /** Creates the function in moto (and its role) and remembers its code for Invoke. */
  seed(spec?: StudentFunction): Promise<Required<Omit<StudentFunction, "environment">> & { environment: Record<string, string> }>;
  /** Writes log lines to moto's CloudWatch Logs as Lambda would, one event per line, `start` ms onwards. */
  putLogs(region: string, group: string, stream: string, lines: string[], start: number): Promise<void>;
  /** Answer lambda:Invoke on the fake. */
  install(): void;
  clear(): void;
  /** Closes the SDK clients it made. */
  close(): void;
  /** Every Invoke the fake answered, in order. */
  invocations: { region: string; name: string; event: unknown }[];
}

const CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };

// Runs the handler as the Python runtime does: environment set, stdout captured, errors as Lambda's payload.
const HARNESS = String.raw`
import contextlib, importlib, io, json, os, sys, traceback
req = json.load(sys.stdin)
os.environ.update(req["env"])
sys.path.insert(0, req["dir"])
module_name, _, function_name = req["handler"].rpartition(".")
out = io.StringIO()
answer = {}
with contextlib.redirect_stdout(out):
    try:
        if not module_name:
            answer["error"] = {"errorType": "Runtime.MalformedHandlerName", "errorMessage": "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % req["handler"], "stackTrace": []}
        else:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as e:
                module = None
                answer["error"] = {"errorType": "Runtime.ImportModuleError", "errorMessage": "Unable to import module '%s': %s" % (module_name, e), "stackTrace": []}
            if module is not None:
                handler = getattr(module, function_name, None)
                if handler is None:
                    answer["error"] = {"errorType": "Runtime.HandlerNotFound", "errorMessage": "Handler '%s' missing on module '%s'" % (function_name, module_name), "stackTrace": []}
                else:
                    answer["result"] = handler(req["event"], None)
    except Exception as e:
        frames = traceback.extract_tb(e.__traceback__)[1:]
        answer["error"] = {"errorType": type(e).__name__, "errorMessage": str(e), "stackTrace": traceback.format_list(frames)}
answer["stdout"] = out.getvalue()
print(json.dumps(answer, default=str))
`;

interface PythonRun {
  stdout: string;
  result?: unknown;
  error?: { errorType: string; errorMessage: string; stackTrace: string[] };
  timedOut?: boolean;
}

function runPython(dir: string, handler: string, env: Record<string, string>, event: unknown, timeoutMs: number): Promise<PythonRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-c", HARNESS], { stdio: ["pipe", "pipe", "pipe"], env: { PATH: process.env["PATH"] ?? "", PYTHONDONTWRITEBYTECODE: "1" } });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve({ stdout: "", timedOut: true });
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("exit", () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "") as PythonRun);
      } catch {
        reject(new Error(`the Python harness failed: ${err}`));
      }
    });
    child.stdin.end(JSON.stringify({ dir, handler, env, event }));
  });
}

/** A deployment package holding lambda_function.py, zipped by Python's zipfile. */
function zipOf(code: string): Uint8Array {
  const script = "import base64, io, sys, zipfile\nb = io.BytesIO()\nwith zipfile.ZipFile(b, 'w') as z: z.writestr('lambda_function.py', sys.stdin.read())\nprint(base64.b64encode(b.getvalue()).decode())";
  return Buffer.from(execFileSync("python3", ["-c", script], { input: code, encoding: "utf8" }).trim(), "base64");
}

function regionOf(req: FakeRequest): string {
  return /Credential=[^/]+\/[^/]+\/([^/]+)\//.exec(String(req.headers["authorization"] ?? ""))?.[1] ?? "us-east-1";
}

function streamName(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/[$LATEST]${randomBytes(16).toString("hex")}`;
}

export function lambdaWorld(fake: FakeAws, motoUrl: string): LambdaWorld {
  const code = new Map<string, string>();
  const streams = new Map<string, string>();
  const invocations: LambdaWorld["invocations"] = [];
  const clients = new Map<string, { lambda: LambdaClient; logs: CloudWatchLogsClient }>();
  const clientsIn = (region: string) => {
    let c = clients.get(region);
    if (!c) {
      const config = { region, endpoint: motoUrl, credentials: CREDENTIALS };
      c = { lambda: new LambdaClient(config), logs: new CloudWatchLogsClient(config) };
      clients.set(region, c);
    }
    return c;
  };

  async function putLogs(region: string, group: string, stream: string, lines: string[], start: number): Promise<void> {
    const { logs } = clientsIn(region);
    await logs.send(new CreateLogGroupCommand({ logGroupName: group })).catch((e: Error) => {
      if (e.name !== "ResourceAlreadyExistsException") throw e;
    });
    await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream })).catch((e: Error) => {
      if (e.name !== "ResourceAlreadyExistsException") throw e;
    });
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        logEvents: lines.map((message, i) => ({ timestamp: start + i, message: `${message}\n` })),
      }),
    );
  }

  async function invoke(req: FakeRequest): Promise<Answer> {
    const name = decodeURIComponent(/^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(req.path)?.[1] ?? "");
    const region = regionOf(req);
    const source = code.get(`${region}/${name}`);
    if (source === undefined) {
      return errorAnswer("rest-json", "ResourceNotFoundException", `Function not found: arn:aws:lambda:${region}:123456789012:function:${name}`, 404);
    }
    const config = await clientsIn(region).lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    const event: unknown = req.body ? JSON.parse(req.body) : {};
    invocations.push({ region, name, event });
    const dir = mkdtempSync(join(tmpdir(), "calificar-lambda-task-"));
    writeFileSync(join(dir, "lambda_function.py"), source);
    const timeout = config.Timeout ?? 3;
    const ran = await runPython(dir, config.Handler ?? "", config.Environment?.Variables ?? {}, event, timeout * 1000);
    const requestId = randomUUID();
    const key = `${region}/${name}`;
    const cold = !streams.has(key);
    if (cold) streams.set(key, streamName());
    const printed = ran.stdout.split("\n");
    if (printed.at(-1) === "") printed.pop();
    const error = ran.timedOut
      ? { errorType: "Sandbox.Timedout", errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeout.toFixed(2)} seconds`, stackTrace: [] }
      : ran.error;
    const errorLines = !error
      ? []
      : ran.timedOut
      ? [`${new Date().toISOString()} ${requestId} Task timed out after ${timeout.toFixed(2)} seconds`]
      : [`[ERROR] ${error.errorType}: ${error.errorMessage}`, "Traceback (most recent call last):", ...error.stackTrace.flatMap((s) => s.replaceAll(dir, "/var/task").replace(/\n$/, "").split("\n"))];
    const log = [
      ...(cold ? ["INIT_START Runtime Version: python:3.13.v31\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:0a25e3e7a1cc9ce404bc435eeb2ad358d8fa64338e618d0c224fe509403583ca"] : []),
      `START RequestId: ${requestId} Version: $LATEST`,
      ...printed,
      ...errorLines,
      `END RequestId: ${requestId}`,
      `REPORT RequestId: ${requestId}\tDuration: 1.52 ms\tBilled Duration: 2 ms\tMemory Size: ${config.MemorySize ?? 128} MB\tMax Memory Used: 32 MB${cold ? "\tInit Duration: 98.41 ms" : ""}\t`,
    ];
    await putLogs(region, config.LoggingConfig?.LogGroup ?? `/aws/lambda/${name}`, streams.get(key)!, log, Date.now());
    // LogResult: the last 4 KB of the run's log, only when asked with X-Amz-Log-Type: Tail.
    const tail = Buffer.from(`${log.join("\n")}\n`, "utf8").subarray(-4096).toString("base64");
    const wantsTail = String(req.headers["x-amz-log-type"] ?? "") === "Tail";
    return {
      status: 200,
      headers: {
        "content-type": "application/json",
        "x-amzn-requestid": requestId,
        "x-amz-executed-version": "$LATEST",
        ...(wantsTail ? { "x-amz-log-result": tail } : {}),
        ...(error ? { "x-amz-function-error": "Unhandled" } : {}),
      },
      body: JSON.stringify(error ? { errorMessage: error.errorMessage, errorType: error.errorType, requestId, stackTrace: error.stackTrace } : (ran.result ?? null)),
    };
  }

  return {
    invocations,
    putLogs,
    async seed(spec = {}) {
      const region = spec.region ?? "us-east-1";
      const full = {
        region,
        name: spec.name ?? "mi-funcion",
        runtime: spec.runtime ?? "python3.13",
        handler: spec.handler ?? "lambda_function.lambda_handler",
        memorySize: spec.memorySize ?? 128,
        timeout: spec.timeout ?? 3,
        environment: spec.environment ?? { what_to_print: "Hola desde Platzi", how_many_times: "6" },
        code: spec.code ?? COURSE_ENV_CODE,
      };
      const iam = new IAMClient({ region: "us-east-1", endpoint: motoUrl, credentials: CREDENTIALS });
      const role = await iam
        .send(
          new CreateRoleCommand({
            RoleName: "mi-funcion-role",
            Path: "/service-role/",
            AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
          }),
        )
        .then((r) => r.Role?.Arn ?? "")
        .catch((e: Error) => {
          if (e.name === "EntityAlreadyExists" || e.name === "EntityAlreadyExistsException") return "arn:aws:iam::123456789012:role/service-role/mi-funcion-role";
          throw e;
        })
        .finally(() => iam.destroy());
      await clientsIn(region).lambda.send(
        new CreateFunctionCommand({
          FunctionName: full.name,
          Runtime: full.runtime as Runtime,
          Handler: full.handler,
          Role: role,
          MemorySize: full.memorySize,
          Timeout: full.timeout,
          Code: { ZipFile: zipOf(full.code) },
          ...(Object.keys(full.environment).length ? { Environment: { Variables: full.environment } } : {}),
        }),
      );
      code.set(`${region}/${full.name}`, full.code);
      return full;
    },
    install() {
      fake.on("lambda:Invoke", invoke);
    },
    clear() {
      code.clear();
      streams.clear();
      invocations.length = 0;
    },
    close() {
      for (const c of clients.values()) {
        c.lambda.destroy();
        c.logs.destroy();
      }
      clients.clear();
    },
  };
}
