import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { startFakeAws, type FakeAws } from "../support/fake-aws.js";
import { COURSE_EVENT_CODE, lambdaWorld, type LambdaWorld } from "../support/lambda-fake.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { validateReport } from "../support/report-schema.js";

// The built CLI against moto (functions, their configuration, IAM roles, CloudWatch Logs, STS,
// regions) with the loopback fake in front answering lambda:Invoke, which moto runs only in
// Docker: it runs the function's Python code with python3 and answers as Lambda does (see
// lambda-fake.ts). The course's own function is the env variant here.

let moto: Moto;
let fake: FakeAws;
let world: LambdaWorld;

beforeAll(async () => {
  moto = await startMoto();
  fake = await startFakeAws(moto.url);
  world = lambdaWorld(fake, moto.url);
});
afterAll(async () => {
  world?.close();
  await Promise.all([moto?.stop(), fake?.close()]);
});
beforeEach(async () => {
  await moto.reset();
  fake.reset();
  world.clear();
  world.install();
});

async function grade(extra: string[] = []) {
  const run = await runCli(["lab-lambda", "--format", "json", ...extra], awsEnv(fake.url));
  let report: any;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`no JSON report (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  // Graded without --repo: lambda-handler-defined, a repository check, is skipped (test/action grades it).
  const status = Object.fromEntries(report.checks.filter((c: any) => c.id !== "lambda-handler-defined").map((c: any) => [c.id, c.status]));
  return { ...run, report, status, check: (id: string) => report.checks.find((c: any) => c.id === id) };
}

const ALL_PASSED = {
  "function-exists": "passed",
  "runtime-python": "passed",
  handler: "passed",
  "memory-128": "passed",
  "prints-six-times": "passed",
};

describe("lab-lambda end to end against moto and the fake", () => {
  it("passes the course's function (env variant), invoking it once with the test event", async () => {
    await world.seed();
    const { code, report, status, check } = await grade();
    expect(status).toEqual(ALL_PASSED);
    expect(code).toBe(0);
    expect(report.score).toBe(report.maxScore);
    expect(report.resource).toMatchObject({ id: "mi-funcion" });
    expect(check("prints-six-times")).toMatchObject({ found: "6", message: "líneas con el mensaje: 6" });
    expect(fake.calls.filter((c) => c === "lambda:Invoke")).toHaveLength(1);
    expect(world.invocations).toEqual([{ region: "us-east-1", name: "mi-funcion", event: { what_to_print: "Hola desde Platzi", how_many_times: 6 } }]);
  });

  it("passes the event variant, which reads message and count from the test event", async () => {
    await world.seed({ code: COURSE_EVENT_CODE, environment: {} });
    const { code, status } = await grade();
    expect(status).toEqual(ALL_PASSED);
    expect(code).toBe(0);
  });

  it("fails a function that prints five times, with the sentence, in Spanish and in English", async () => {
    await world.seed({ environment: { what_to_print: "Hola desde Platzi", how_many_times: "5" } });
    const es = await grade();
    expect(es.check("prints-six-times")).toMatchObject({
      status: "failed",
      found: "5",
      expected: "6",
      message: "se esperaban 6 líneas con el mensaje, se encontraron 5",
    });
    expect(es.report.passed).toBe(false);
    expect(es.code).toBe(1);
    const en = await grade(["--lang", "en"]);
    expect(en.check("prints-six-times").message).toBe("expected 6 lines with the message, found 5");
  });

  it("fails a function that raised, showing the error type and message", async () => {
    // The course's function without how_many_times: int(None).
    await world.seed({ environment: { what_to_print: "Hola desde Platzi" } });
    const { code, check } = await grade();
    const error = "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'";
    expect(check("prints-six-times")).toMatchObject({
      status: "failed",
      found: error,
      message: `la función falló al ejecutarse: ${error} (se esperaban 6 líneas con el mensaje)`,
    });
    expect(code).toBe(1);
    const en = await grade(["--lang", "en"]);
    expect(en.check("prints-six-times").message).toBe(`the function failed when run: ${error} (expected 6 lines with the message)`);
  });

  it("fails a deprecated runtime, another handler and more memory, each with its evidence", async () => {
    await world.seed({ runtime: "python3.8", handler: "main.handler", memorySize: 256 });
    const { code, check, status } = await grade();
    expect(check("runtime-python")).toMatchObject({ status: "failed", found: "python3.8" });
    expect(check("runtime-python").message).toContain("python3.8 está obsoleto en AWS Lambda");
    expect(check("handler")).toMatchObject({
      status: "failed",
      message: "controlador (handler): se esperaba lambda_function.lambda_handler, se encontró main.handler",
    });
    expect(check("memory-128")).toMatchObject({ status: "failed", message: "memoria (MB): se esperaba 128, se encontró 256" });
    // The code is in lambda_function.py, so Lambda cannot import «main».
    expect(check("prints-six-times")).toMatchObject({
      status: "failed",
      found: "Runtime.ImportModuleError: Unable to import module 'main': No module named 'main'",
    });
    expect(status["function-exists"]).toBe("passed");
    expect(code).toBe(1);
  });

  it("never invokes a function that is not the lab's, and grades the one that is", async () => {
    await world.seed({ name: "otra-cosa", runtime: "nodejs22.x", handler: "index.handler", code: "print('no soy python')" });
    await world.seed();
    const { code, report } = await grade();
    expect(code).toBe(0);
    expect(report.resource).toMatchObject({ id: "mi-funcion", others: [expect.objectContaining({ id: "otra-cosa" })] });
    expect(world.invocations.map((i) => i.name)).toEqual(["mi-funcion"]);
    const picked = await grade(["--function", "otra-cosa"]);
    expect(picked.report.resource).toMatchObject({ id: "otra-cosa" });
    expect(picked.check("runtime-python")).toMatchObject({ status: "failed", found: "nodejs22.x" });
  });

  it("says where the function is when it was created in another region, and invokes nothing", async () => {
    await world.seed({ region: "eu-west-1" });
    const { code, report, check } = await grade(["--region", "us-east-1"]);
    expect(code).toBe(1);
    expect(report.resource).toBeNull();
    expect(report.elsewhere).toEqual([expect.objectContaining({ region: "eu-west-1", count: 1, ids: ["mi-funcion"] })]);
    // Said once, in the notes; the checks are not graded in a region with nothing to grade.
    expect(report.notes).toEqual(["no hay funciones Lambda en us-east-1; tu función Lambda está en eu-west-1: ejecuta con --region eu-west-1"]);
    expect(check("function-exists")).toMatchObject({ status: "skipped", message: "omitida: no hay funciones Lambda en us-east-1", hint: null });
    expect(fake.calls).not.toContain("lambda:Invoke");
    const there = await grade(["--region", "eu-west-1"]);
    expect(there.status).toEqual(ALL_PASSED);
  });

  it("with --no-invoke never invokes, and grades the last complete run in CloudWatch Logs", async () => {
    await world.seed();
    const start = Date.now() - 60_000;
    const done = "11111111-aaaa-4bbb-8ccc-000000000001";
    const running = "22222222-aaaa-4bbb-8ccc-000000000002";
    await world.putLogs("us-east-1", "/aws/lambda/mi-funcion", "2026/11/28/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0", [
      "INIT_START Runtime Version: python:3.13.v31\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:0a25e3e7",
      `START RequestId: ${done} Version: $LATEST`,
      ...Array.from({ length: 6 }, () => "what_to_print: Hola desde Platzi."),
      `END RequestId: ${done}`,
      `REPORT RequestId: ${done}\tDuration: 1.52 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 32 MB\t`,
      // A run still going when the logs were read: not graded.
      `START RequestId: ${running} Version: $LATEST`,
      "what_to_print: Hola desde Platzi.",
    ], start);
    const snapshotFile = join(mkdtempSync(join(tmpdir(), "calificar-lambda-")), "snapshot.json");
    const { code, status, check } = await grade(["--no-invoke", "--save-snapshot", snapshotFile]);
    expect(status).toEqual(ALL_PASSED);
    expect(code).toBe(0);
    expect(check("prints-six-times").found).toBe("6");
    expect(fake.calls).not.toContain("lambda:Invoke");
    expect(fake.calls).toEqual(expect.arrayContaining(["logs:DescribeLogStreams", "logs:GetLogEvents"]));
    expect(world.invocations).toEqual([]);
    const fn = JSON.parse(readFileSync(snapshotFile, "utf8")).facts.lambda.functions[0];
    expect(fn.invocation).toMatchObject({ status: "logged", requestId: done, messageLines: 6 });
  });

  it("with --no-invoke grades what the last real invocation wrote to the logs", async () => {
    await world.seed({ environment: { what_to_print: "Hola desde Platzi", how_many_times: "5" } });
    await grade();
    fake.reset();
    world.install();
    const { check } = await grade(["--no-invoke"]);
    expect(check("prints-six-times")).toMatchObject({ status: "failed", message: "se esperaban 6 líneas con el mensaje, se encontraron 5" });
    expect(fake.calls).not.toContain("lambda:Invoke");
  });

  it("with --no-invoke and no log group, fails saying there is no run to read", async () => {
    await world.seed();
    const { check } = await grade(["--no-invoke"]);
    expect(check("prints-six-times")).toMatchObject({ status: "failed", found: "/aws/lambda/mi-funcion" });
    expect(check("prints-six-times").message).toContain("no hay ninguna ejecución completa de la función en CloudWatch Logs (/aws/lambda/mi-funcion)");
    expect(fake.calls).not.toContain("lambda:Invoke");
  });

  it("turns a denied InvokeFunction into an error naming lambda:InvokeFunction, and grades the rest", async () => {
    await world.seed();
    fake.fail("lambda:Invoke", {
      code: "AccessDeniedException",
      status: 403,
      message: "User: arn:aws:iam::123456789012:user/ana is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:123456789012:function:mi-funcion because no identity-based policy allows the lambda:InvokeFunction action",
    });
    const { code, report, status, check } = await grade();
    expect(status).toEqual({ ...ALL_PASSED, "prints-six-times": "error" });
    expect(check("prints-six-times").message).toBe(
      "no se pudo comprobar: falta el permiso lambda:InvokeFunction (AccessDeniedException). Añádelo a tu usuario o rol (ver policies/calificar-readonly.json).",
    );
    expect(report.ungradable).toBe(false);
    // Denied once, never retried: an invocation runs the student's code.
    expect(fake.calls.filter((c) => c === "lambda:Invoke")).toHaveLength(1);
    expect(code).toBe(1);
  });

  it("keeps secret environment values out of the snapshot and the report", async () => {
    const secret = "Pl4in-Text-Passw0rd-9f3c";
    await world.seed({ environment: { what_to_print: "Hola desde Platzi", how_many_times: "6", DB_PASSWORD: secret } });
    const snapshotFile = join(mkdtempSync(join(tmpdir(), "calificar-lambda-")), "snapshot.json");
    const json = await grade(["--save-snapshot", snapshotFile]);
    expect(json.code).toBe(0);
    const snapshot = readFileSync(snapshotFile, "utf8");
    expect(JSON.parse(snapshot).facts.lambda.functions[0].environment).toEqual({ what_to_print: "Hola desde Platzi", how_many_times: "6", DB_PASSWORD: "[redacted]" });
    for (const output of [json.stdout, json.stderr, snapshot]) expect(output).not.toContain(secret);
    // Graded again offline, with no AWS and no invocation.
    fake.reset();
    const offline = await grade(["--snapshot", snapshotFile]);
    expect(offline.status).toEqual(ALL_PASSED);
    expect(fake.calls).toEqual([]);
  });
});
