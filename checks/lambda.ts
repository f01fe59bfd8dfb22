import {
  GetPolicyCommand,
  InvokeCommand,
  LambdaClient,
  paginateListEventSourceMappings,
  paginateListFunctions,
  type EventSourceMappingConfiguration,
  type FunctionConfiguration,
  type InvokeCommandOutput,
} from "@aws-sdk/client-lambda";
import { defineCollector, makeContext, type CollectContext, type Collector } from "../src/collect/collector.js";
import { absentAs } from "../src/collect/aws-errors.js";
import { functionRef } from "../src/collect/arns.js";
import { mapLimit } from "../src/collect/map-limit.js";
import { resourcePolicyFacts, type ResourcePolicyFacts } from "../src/collect/resource-policy.js";
import { isSecretName, redactEnv, redactLine } from "../src/core/secrets.js";
import { lambdaRun, type LambdaParameters, type LambdaRun } from "../src/core/lab.js";
import type { CallError } from "../src/core/snapshot.js";
import { collectPages, isoDate } from "../src/collect/pages.js";

// CloudWatch Logs is read here, not by a collector of its own: what the logs say is a fact about
// one function's run (which log group, which message to count, which run is the last complete
// one), exactly what an Invoke answers in the default mode. A separate `logs` collector would run
// beside this one, not after it, so it could not know the functions without listing them again,
// and the lab would have to join two fact trees. The logs client is only loaded with --no-invoke.

// What to send and which functions look like the lab's come from the lab file (`parameters.lambda`):
// a lab is data. lab-lambda sends the course's test event and counts `what_to_print`. Labs whose
// functions are one part of a larger whole (an API's, a trigger's) never invoke anything: they ask
// for more facts (`read`: resource policies, event source mappings) and, for a trigger, the last
// run in the logs of the functions a service may invoke (`lastRun`). Without parameters nothing runs.

/** Without --function, at most this many functions are run (or have their logs read): the best static matches. */
export const MAX_RUNS = 3;
/** Lambda stops a function at its own timeout (3 s by default); we stop waiting for its answer at this. */
export const INVOKE_TIMEOUT_MS = 30_000;
/** Streams read with --no-invoke: their lastEventTimestamp is only eventually consistent, so not just the first. */
const LOG_STREAMS = 3;
/** Resource policies read at once (one GetPolicy per function). */
const POLICY_CONCURRENCY = 8;
/** The newest events of each stream: a run of the course's function is a dozen. */
const LOG_EVENTS = 500;
const OUTPUT_KEPT = 20;
const LINE_CHARS = 200;

/**
 * - `invoked`: calificar invoked it with the test event and read its log tail;
 * - `logged`: the last complete run found in CloudWatch Logs (--no-invoke);
 * - `skipped`: neither, because it does not look like the lab's function (see `chooseRuns`);
 * - `no-logs`: --no-invoke, and no complete run in its log group.
 */
export type InvocationStatus = "invoked" | "logged" | "skipped" | "no-logs";

export interface InvocationFacts {
  status: InvocationStatus;
  requestId: string | null;
  /** Invoke's HTTP status: 200 for a synchronous call, even when the function raised. */
  statusCode: number | null;
  /** Set when the function raised: Invoke's FunctionError («Unhandled»), or an error line in the logs. */
  functionError: string | null;
  errorType: string | null;
  errorMessage: string | null;
  /** The message whose lines were counted: the event's, the `what_to_print` variable's, or the one the logs show. */
  message: string | null;
  /** Output lines that carry the message; null when there was no run to look at, or no message to count (`lastRun`). */
  messageLines: number | null;
  /** The function's own output (no START/END/REPORT/INIT lines), secrets redacted, clipped. */
  output: string[];
  /** --no-invoke: the stream the run was found in, and when it started. */
  logStream: string | null;
  startedAt: string | null;
  /** Invoke's LogResult is the last 4 KB of the log: true when the run's START line fell out of it. */
  tailTruncated: boolean;
}

export interface LambdaFunctionFacts {
  functionName: string;
  functionArn: string | null;
  runtime: string | null;
  handler: string | null;
  memorySize: number | null;
  timeout: number | null;
  packageType: string | null;
  architectures: string[];
  lastModified: string | null;
  description: string | null;
  /** Where the function logs: its LoggingConfig's group, or /aws/lambda/<name>. */
  logGroup: string;
  /** Text or JSON (LoggingConfig.LogFormat). */
  logFormat: string | null;
  /** Environment variables: every name, secret-looking values redacted. */
  environment: Record<string, string>;
  /** The execution role's ARN. */
  role: string | null;
  /** Its resource policy (who may invoke it); `{statements: []}` when it has none; null when not read (see `errors`). */
  policy: ResourcePolicyFacts | null;
  /** The run graded by prints-six-times; null when the call that would show it failed (see `errors`). */
  invocation: InvocationFacts | null;
  /** Calls about this function alone that failed (its Invoke, its logs). */
  errors: CallError[];
}

/** A queue or stream that feeds a function (ListEventSourceMappings). */
export interface EventSourceMappingFacts {
  uuid: string;
  eventSourceArn: string | null;
  /** The function's ARN without a version or alias, as ListFunctions names it. */
  functionArn: string | null;
  functionName: string | null;
  /** The alias or version the mapping invokes, when it names one. */
  qualifier: string | null;
  /** Enabled, Disabled, Creating, Enabling, Disabling, Updating, Deleting. */
  state: string | null;
  batchSize: number | null;
  maximumBatchingWindowInSeconds: number | null;
  lastModified: string | null;
}

export interface LambdaFacts {
  /** How runs were observed: by invoking, or from CloudWatch Logs (--no-invoke, or a lab's `lastRun`). */
  mode: "invoke" | "logs";
  functions: LambdaFunctionFacts[];
  /** Read when the lab asks (`read: ["eventSourceMappings"]`); null otherwise, or when it failed. */
  eventSourceMappings: EventSourceMappingFacts[] | null;
}

export function eventSourceMappingFacts(m: EventSourceMappingConfiguration): EventSourceMappingFacts {
  return {
    uuid: m.UUID ?? "",
    eventSourceArn: m.EventSourceArn ?? null,
    ...functionRef(m.FunctionArn),
    state: m.State ?? null,
    batchSize: m.BatchSize ?? null,
    maximumBatchingWindowInSeconds: m.MaximumBatchingWindowInSeconds ?? null,
    lastModified: isoDate(m.LastModified),
  };
}

export function functionFacts(config: FunctionConfiguration): LambdaFunctionFacts {
  const name = config.FunctionName ?? "";
  return {
    functionName: name,
    functionArn: config.FunctionArn ?? null,
    runtime: config.Runtime ?? null,
    handler: config.Handler ?? null,
    memorySize: config.MemorySize ?? null,
    timeout: config.Timeout ?? null,
    packageType: config.PackageType ?? null,
    architectures: config.Architectures ?? [],
    // Lambda writes «2026-11-28T10:00:00.000+0000».
    lastModified: isoDate(config.LastModified),
    description: config.Description || null,
    logGroup: config.LoggingConfig?.LogGroup || `/aws/lambda/${name}`,
    logFormat: config.LoggingConfig?.LogFormat ?? null,
    environment: redactEnv(config.Environment?.Variables),
    role: config.Role ?? null,
    policy: null,
    invocation: null,
    errors: [],
  };
}

/** How much a function looks like the lab's from its configuration alone; 0: never run without --function. */
export function resemblance(f: Pick<LambdaFunctionFacts, "runtime" | "handler" | "memorySize">, match: LambdaRun["match"]): number {
  if (!f.runtime?.startsWith(match.runtimePrefix)) return 0;
  return 1 + (match.handler !== undefined && f.handler === match.handler ? 1 : 0) + (match.memorySize !== undefined && f.memorySize === match.memorySize ? 1 : 0);
}

/**
 * Which functions to run. Invoking is an active call on the student's account: never on a
 * function the lab does not grade. --function NAME runs that one, whatever it is; otherwise
 * the Python functions that look most like the lab's, newest first, at most MAX_RUNS.
 */
export function chooseRuns<F extends Pick<LambdaFunctionFacts, "functionName" | "functionArn" | "runtime" | "handler" | "memorySize" | "lastModified">>(
  functions: F[],
  select: string | undefined,
  match: LambdaRun["match"],
): F[] {
  if (select) return functions.filter((f) => f.functionName === select || f.functionArn === select);
  const scored = functions.map((f) => ({ f, score: resemblance(f, match) })).filter((s) => s.score > 0);
  const top = Math.max(0, ...scored.map((s) => s.score));
  return scored
    .filter((s) => s.score === top)
    .sort((a, b) => (b.f.lastModified ?? "").localeCompare(a.f.lastModified ?? ""))
    .slice(0, MAX_RUNS)
    .map((s) => s.f);
}

// ---------------------------------------------------------------------------------------------
// Reading a log: runs, platform lines, printed lines, errors. Pure.

export interface LogLine {
  text: string;
  /** Milliseconds since the epoch (CloudWatch Logs), null in Invoke's tail. */
  at: number | null;
}

export interface Run {
  requestId: string | null;
  /** Its START line was seen. */
  started: boolean;
  /** Its END (or REPORT) line was seen. */
  ended: boolean;
  startedAt: number | null;
  endedAt: number | null;
  /** The function's own lines. */
  output: string[];
  error: { type: string | null; message: string | null } | null;
}

type Platform = { kind: "start" | "end" | "other"; requestId: string | null };

function jsonObject(text: string): Record<string, unknown> | null {
  if (!text.startsWith("{")) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** START/END/REPORT/INIT… lines (text format) and platform.* records (JSON format): the platform's, not the function's. */
export function platformLine(text: string): Platform | null {
  let m = /^START RequestId: ([\w-]+)/.exec(text);
  if (m) return { kind: "start", requestId: m[1]! };
  m = /^(?:END|REPORT) RequestId: ([\w-]+)/.exec(text);
  if (m) return { kind: "end", requestId: m[1]! };
  if (/^(INIT_START|INIT_REPORT|INIT_RUNTIME_DONE|RESTORE_START|RESTORE_REPORT)\b/.test(text) || /^(EXTENSION|TELEMETRY|LOGS)\t/.test(text)) {
    return { kind: "other", requestId: null };
  }
  const json = jsonObject(text);
  const type = str(json?.["type"]);
  if (type?.startsWith("platform.")) {
    const record = json?.["record"];
    const requestId = record && typeof record === "object" ? str((record as Record<string, unknown>)["requestId"]) : null;
    if (type === "platform.start") return { kind: "start", requestId };
    if (type === "platform.runtimeDone" || type === "platform.report") return { kind: "end", requestId };
    return { kind: "other", requestId };
  }
  return null;
}

/** An unhandled error as the runtime logs it: «[ERROR] Exception: boom», a timeout, or a JSON error record. */
export function errorLine(text: string): { type: string | null; message: string | null } | null {
  const m = /^\[ERROR\] ([A-Za-z_][\w.]*)(?:: (.*))?$/.exec(text);
  if (m) return { type: m[1]!, message: m[2] ?? null };
  const timeout = /Task timed out after [\d.]+ seconds/.exec(text);
  if (timeout) return { type: "Sandbox.Timedout", message: timeout[0] };
  const json = jsonObject(text);
  if (json && typeof json["errorType"] === "string") return { type: json["errorType"], message: str(json["errorMessage"]) };
  return null;
}

/** Groups log lines into runs, START … END of one RequestId; lines outside any START open a run that never started. */
export function splitRuns(lines: LogLine[]): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  const open = (requestId: string | null, at: number | null, started: boolean): Run => {
    current = { requestId, started, ended: false, startedAt: started ? at : null, endedAt: null, output: [], error: null };
    runs.push(current);
    return current;
  };
  for (const { text, at } of lines) {
    const platform = platformLine(text);
    if (platform?.kind === "start") {
      open(platform.requestId, at, true);
    } else if (platform?.kind === "end") {
      // REPORT follows END for the same run: it closes nothing new.
      const run =
        [...runs].reverse().find((r) => r.requestId !== null && r.requestId === platform.requestId) ??
        (current && !current.ended && current.requestId === null ? current : undefined) ??
        open(platform.requestId, at, false);
      run.requestId ??= platform.requestId;
      if (!run.ended) {
        run.ended = true;
        run.endedAt = at;
      }
    } else if (!platform) {
      const run = current && !current.ended ? current : open(null, at, false);
      run.output.push(text);
      run.error ??= errorLine(text);
    }
  }
  return runs;
}

/** What a line printed: without the `logging` module's «[INFO]\t<time>\t<request id>\t» prefix, or a JSON record's message. */
export function printedText(line: string): string {
  const logging = /^\[(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL)\]\t[^\t]*\t[^\t]*\t(.*)$/.exec(line);
  if (logging) return logging[1]!.trim();
  const message = str(jsonObject(line)?.["message"]);
  return (message ?? line).trim();
}

/** The course prints «what_to_print: <message>.» (the message field's name); the event variant often prints the message alone. */
export function carriesMessage(line: string, message: string, field: string): boolean {
  const t = printedText(line);
  return t === message || t === `${message}.` || t === `${field}: ${message}` || t === `${field}: ${message}.`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Lines that carry the message, for the message that most lines carry. `guess` (--no-invoke, where
 * the event is unknown) also tries the messages the course's own «what_to_print: X.» lines name and,
 * when none of those is printed, the line printed most often (twice or more).
 */
export function countMessage(
  output: string[],
  known: (unknown)[],
  field: string,
  guess = false,
): { message: string | null; count: number } {
  const candidates = known.flatMap((m) => (typeof m === "string" && m.trim() ? [m.trim()] : []));
  if (guess) {
    const naming = new RegExp(`^${escapeRegExp(field)}: (.+?)\\.?$`);
    for (const line of output) {
      const named = naming.exec(printedText(line));
      if (named) candidates.push(named[1]!);
    }
  }
  let best: { message: string | null; count: number } = { message: candidates[0] ?? null, count: 0 };
  for (const message of new Set(candidates)) {
    const count = output.filter((line) => carriesMessage(line, message, field)).length;
    if (count > best.count) best = { message, count };
  }
  if (guess && best.count === 0) {
    const tally = new Map<string, number>();
    for (const line of output.map(printedText).filter((t) => t !== "" && errorLine(t) === null)) tally.set(line, (tally.get(line) ?? 0) + 1);
    // A line printed once is no message repeated; it would only name a traceback line.
    for (const [message, count] of tally) if (count > Math.max(best.count, 1)) best = { message, count };
  }
  return best;
}

/** Hides what a function printed of its secrets: secret-looking variables' values, `KEY=value` pairs, access key ids. */
export function redactOutput(env: Record<string, string>): (line: string) => string {
  const secrets = Object.entries(env).flatMap(([name, value]) => (isSecretName(name) ? [value] : []));
  return (line) => redactLine(line, secrets);
}

function hideSecrets(text: string | null, env: Record<string, string>): string | null {
  return text === null ? null : redactOutput(env)(text);
}

function clipOutput(output: string[], env: Record<string, string>): string[] {
  const redact = redactOutput(env);
  return output.slice(0, OUTPUT_KEPT).map((line) => {
    const clean = redact(line);
    return clean.length > LINE_CHARS ? `${clean.slice(0, LINE_CHARS - 1)}…` : clean;
  });
}

function emptyInvocation(status: InvocationStatus): InvocationFacts {
  return {
    status,
    requestId: null,
    statusCode: null,
    functionError: null,
    errorType: null,
    errorMessage: null,
    message: null,
    messageLines: null,
    output: [],
    logStream: null,
    startedAt: null,
    tailTruncated: false,
  };
}

function clip(text: string | null, max = 300): string | null {
  return text !== null && text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function payloadJson(payload: Uint8Array | undefined): Record<string, unknown> | null {
  if (!payload || payload.length === 0) return null;
  return jsonObject(new TextDecoder().decode(payload).trim());
}

/** Invoke's answer as facts: its FunctionError and error payload, and the lines its log tail counts. */
export function invokedFacts(
  answer: Pick<InvokeCommandOutput, "StatusCode" | "FunctionError" | "LogResult" | "Payload" | "$metadata">,
  env: Record<string, string>,
  params: LambdaRun,
): InvocationFacts {
  const tail = answer.LogResult ? Buffer.from(answer.LogResult, "base64").toString("utf8") : "";
  const lines = tail.split("\n").map((text) => ({ text: text.replace(/\r$/, ""), at: null }));
  if (lines.at(-1)?.text === "") lines.pop();
  const runs = splitRuns(lines);
  // The tail is this invocation's log alone: every line the function printed counts, START or not.
  const output = runs.flatMap((r) => r.output);
  const started = runs.find((r) => r.started);
  const payload = answer.FunctionError ? payloadJson(answer.Payload) : null;
  const { message, count } = countMessage(output, [params.event[params.messageField], env[params.messageField]], params.messageField);
  return {
    ...emptyInvocation("invoked"),
    requestId: started?.requestId ?? runs.find((r) => r.requestId)?.requestId ?? answer.$metadata?.requestId ?? null,
    statusCode: answer.StatusCode ?? null,
    functionError: answer.FunctionError ?? null,
    errorType: clip(str(payload?.["errorType"])),
    // What the function raised or printed most may quote its secrets, as its output lines may.
    errorMessage: clip(hideSecrets(str(payload?.["errorMessage"]), env)),
    message: hideSecrets(message, env),
    messageLines: count,
    output: clipOutput(output, env),
    tailTruncated: tail !== "" && !started,
  };
}

/** The last complete run (START … END) across the streams read, as facts; `no-logs` when there is none. */
export function loggedFacts(streams: { name: string; lines: LogLine[] }[], env: Record<string, string>, params: LambdaRun | undefined): InvocationFacts {
  let best: { run: Run; stream: string } | undefined;
  for (const stream of streams) {
    for (const run of splitRuns(stream.lines)) {
      if (run.started && run.ended && (!best || (run.endedAt ?? 0) >= (best.run.endedAt ?? 0))) best = { run, stream: stream.name };
    }
  }
  if (!best) return emptyInvocation("no-logs");
  const { run, stream } = best;
  // A trigger's run (`lastRun`) has no message to count: only whether it ran, and cleanly.
  const { message, count } = params
    ? countMessage(run.output, [params.event[params.messageField], env[params.messageField]], params.messageField, true)
    : { message: null, count: null };
  return {
    ...emptyInvocation("logged"),
    requestId: run.requestId,
    functionError: run.error ? "Unhandled" : null,
    errorType: clip(run.error?.type ?? null),
    errorMessage: clip(hideSecrets(run.error?.message ?? null, env)),
    message: hideSecrets(message, env),
    messageLines: count,
    output: clipOutput(run.output, env),
    logStream: stream,
    startedAt: run.startedAt !== null ? new Date(run.startedAt).toISOString() : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Calls.

async function invoke(ctx: CollectContext, f: LambdaFunctionFacts, env: Record<string, string>, params: LambdaRun): Promise<InvocationFacts | undefined> {
  const settings = ctx.clients.settings;
  // It runs the student's code: never retried (a retry would run it twice), and bounded in time.
  const client = ctx.clients.get(LambdaClient, ctx.region, {
    maxAttempts: 1,
    requestHandler: { connectionTimeout: settings.connectionTimeout ?? 3000, requestTimeout: INVOKE_TIMEOUT_MS, throwOnRequestTimeout: true },
  });
  const answer = await ctx.attempt(
    "lambda:InvokeFunction",
    () =>
      client.send(
        new InvokeCommand({
          FunctionName: f.functionName,
          InvocationType: "RequestResponse",
          LogType: "Tail",
          Payload: new TextEncoder().encode(JSON.stringify(params.event)),
        }),
      ),
    f.functionName,
  );
  return answer && invokedFacts(answer, env, params);
}

async function readLogs(ctx: CollectContext, f: LambdaFunctionFacts, env: Record<string, string>, params: LambdaRun | undefined): Promise<InvocationFacts | undefined> {
  const { CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand } = await import("@aws-sdk/client-cloudwatch-logs");
  const logs = ctx.clients.get(CloudWatchLogsClient, ctx.region);
  const group = f.logGroup;
  // Only the newest streams, with one call: the paginator would walk every stream the function ever had.
  const listed = await ctx.attempt(
    "logs:DescribeLogStreams",
    () =>
      logs
        .send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: "LastEventTime", descending: true, limit: LOG_STREAMS }))
        // No log group: the function never ran, a fact about it, not an error.
        .catch(absentAs("ResourceNotFoundException", { logStreams: [] })),
    f.functionName,
  );
  if (!listed) return undefined;
  const names = (listed.logStreams ?? []).flatMap((s) => (s.logStreamName ? [s.logStreamName] : []));
  // The newest events of each stream, at once; startFromHead=false gives the tail, one page is enough.
  const streams = await Promise.all(
    names.map(async (name) => {
      const page = await ctx.attempt(
        "logs:GetLogEvents",
        () => logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: name, startFromHead: false, limit: LOG_EVENTS })),
        f.functionName,
      );
      if (!page) return undefined;
      const lines = (page.events ?? []).flatMap((e) => {
        const parts = (e.message ?? "").replace(/\r/g, "").split("\n");
        if (parts.length > 1 && parts.at(-1) === "") parts.pop();
        return parts.map((text) => ({ text, at: e.timestamp ?? null }));
      });
      return { name, lines };
    }),
  );
  if (streams.some((s) => s === undefined)) return undefined;
  return loggedFacts(streams as { name: string; lines: LogLine[] }[], env, params);
}

async function listFunctions(ctx: CollectContext): Promise<FunctionConfiguration[] | undefined> {
  const client = ctx.clients.get(LambdaClient, ctx.region);
  return ctx.attempt("lambda:ListFunctions", () => collectPages(paginateListFunctions({ client }, {}), (p) => p.Functions));
}

async function listMappings(ctx: CollectContext): Promise<EventSourceMappingFacts[] | undefined> {
  const client = ctx.clients.get(LambdaClient, ctx.region);
  const mappings = await ctx.attempt("lambda:ListEventSourceMappings", () =>
    collectPages(paginateListEventSourceMappings({ client }, {}), (p) => p.EventSourceMappings),
  );
  return mappings?.map(eventSourceMappingFacts);
}

/** A function's resource policy: GetPolicy answers a JSON string, or ResourceNotFoundException when it has none. */
async function readPolicy(ctx: CollectContext, f: LambdaFunctionFacts): Promise<ResourcePolicyFacts | null> {
  const client = ctx.clients.get(LambdaClient, ctx.region);
  const answer = await ctx.attempt(
    "lambda:GetPolicy",
    () =>
      // No policy at all: nobody else may invoke it, a fact, not an error.
      client.send(new GetPolicyCommand({ FunctionName: f.functionName })).catch(absentAs("ResourceNotFoundException", { Policy: undefined })),
    f.functionName,
  );
  if (!answer) return null;
  return answer.Policy ? (resourcePolicyFacts(answer.Policy) ?? { statements: [] }) : { statements: [] };
}

/** Functions a service may invoke (an Allow for its principal in their policy), newest first, at most MAX_RUNS. */
export function invokableBy<F extends Pick<LambdaFunctionFacts, "policy" | "lastModified">>(functions: F[], principal: string): F[] {
  return functions
    .filter((f) => f.policy?.statements.some((s) => s.effect === "Allow" && s.principals.includes(principal)))
    .sort((a, b) => (b.lastModified ?? "").localeCompare(a.lastModified ?? ""))
    .slice(0, MAX_RUNS);
}

const collector: Collector<LambdaFacts> = defineCollector<LambdaFacts>({
  service: "lambda",
  actions: [
    "lambda:ListFunctions",
    "lambda:InvokeFunction",
    "lambda:GetPolicy",
    "lambda:ListEventSourceMappings",
    "logs:DescribeLogStreams",
    "logs:GetLogEvents",
  ],
  async collect(ctx) {
    const params: LambdaParameters | undefined = ctx.options.parameters?.lambda;
    const run = lambdaRun(params);
    const read = new Set(params?.read ?? []);
    // A lab that only reads a trigger's last run never invokes: that is its whole point.
    const mode = ctx.options.noInvoke || (!run && params?.lastRun) ? "logs" : "invoke";
    const [configs, mappings] = await Promise.all([listFunctions(ctx), read.has("eventSourceMappings") ? listMappings(ctx) : undefined]);
    const functions = (configs ?? []).map(functionFacts);
    // Raw values stay in memory to count the env variant's message and hide printed secrets; facts hold redacted ones.
    const env = new Map(functions.map((f, i) => [f, configs![i]!.Environment?.Variables ?? {}]));
    const own = (f: LambdaFunctionFacts) => makeContext(collector, ctx.region, ctx.clients, ctx.options, f.errors);
    if (read.has("policies") || params?.lastRun) {
      await mapLimit(functions, POLICY_CONCURRENCY, async (f) => {
        f.policy = await readPolicy(own(f), f);
      });
    }
    // A lab without a run or a lastRun says nothing to send or read: list the functions, run none.
    const chosen = new Set(run ? chooseRuns(functions, ctx.options.select, run.match) : params?.lastRun ? invokableBy(functions, params.lastRun.invokedBy) : []);
    // The chosen functions run at once: one invocation's wall time, not their sum.
    await Promise.all(
      functions.map(async (f) => {
        if (!chosen.has(f)) {
          f.invocation = emptyInvocation("skipped");
          return;
        }
        const vars = env.get(f) ?? {};
        f.invocation = (mode === "logs" ? await readLogs(own(f), f, vars, run) : await invoke(own(f), f, vars, run!)) ?? null;
      }),
    );
    return { mode, functions, eventSourceMappings: mappings ?? null };
  },
  async locate(ctx) {
    return (await listFunctions(ctx))?.map((f) => f.FunctionName ?? "");
  },
});

export default collector;
