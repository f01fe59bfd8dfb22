import { describe, expect, it } from "vitest";
import type { ErrorObject } from "ajv";
import { evaluate } from "../../src/core/evaluate.js";
import { evidenceFor, evidenceMessage, formatFound, isSentence } from "../../src/core/evidence.js";
import type { Check } from "../../src/core/lab.js";
import { checkTable, gradeOne, readLab, snapshotWith } from "../support/check-table.js";
import { FUNCTION, denied, run } from "../support/lambda-facts.js";

// Tables in the shape of ESLint's RuleTester: each row is merged over FUNCTION, which passes every
// check of lab-lambda, so a row changes only what the student got wrong.

checkTable("lab-lambda", "function-exists", FUNCTION, {
  passes: [{ functionName: "hola-platzi" }, { functionName: "mi-funcion" }],
  fails: [
    {
      facts: { functionName: "" },
      found: null,
      expected: "una función Lambda en la región calificada",
      says: {
        es: "función: se esperaba una función Lambda en la región calificada, no se encontró nada",
        en: "function: expected a Lambda function in the graded region, found nothing",
      },
    },
  ],
});

const DEPRECATED = {
  es: "runtime: python3.8 está obsoleto en AWS Lambda (ya no recibe parches de seguridad y pronto no se podrá actualizar la función); se esperaba un runtime python3.x con soporte (p. ej. python3.13)",
  en: "runtime: python3.8 is deprecated in AWS Lambda (no more security patches, and the function will soon not be updatable); expected a supported python3.x runtime (e.g. python3.13)",
};

checkTable("lab-lambda", "runtime-python", FUNCTION, {
  passes: [
    { runtime: "python3.13" },
    { runtime: "python3.12" },
    { runtime: "python3.11" },
    { runtime: "python3.14" },
    // A runtime newer than this lab passes without editing it.
    { runtime: "python3.15" },
  ],
  fails: [
    { facts: { runtime: "python3.8" }, found: "python3.8", expected: "un runtime python3.x con soporte (p. ej. python3.13)", says: DEPRECATED },
    { facts: { runtime: "python3.7" }, found: "python3.7", says: { es: "python3.7 está obsoleto en AWS Lambda", en: "python3.7 is deprecated in AWS Lambda" } },
    { facts: { runtime: "python3.9" }, found: "python3.9", says: { es: "python3.9 está obsoleto", en: "python3.9 is deprecated" } },
    { facts: { runtime: "python3.10" }, found: "python3.10", says: { es: "python3.10 está obsoleto", en: "python3.10 is deprecated" } },
    {
      facts: { runtime: "nodejs22.x" },
      found: "nodejs22.x",
      expected: "un runtime python3.x con soporte (p. ej. python3.13)",
      says: {
        es: "runtime: se esperaba un runtime python3.x con soporte (p. ej. python3.13), se encontró nodejs22.x",
        en: "runtime: expected a supported python3.x runtime (e.g. python3.13), found nodejs22.x",
      },
    },
    { facts: { runtime: "python2.7" }, found: "python2.7", says: { es: "se encontró python2.7", en: "found python2.7" } },
    // A container image has no runtime: its package type says why.
    { facts: { runtime: null, packageType: "Image" }, found: "Image", says: { es: "se encontró Image", en: "found Image" } },
  ],
});

checkTable("lab-lambda", "handler", FUNCTION, {
  passes: [{ handler: "lambda_function.lambda_handler" }],
  fails: [
    {
      facts: { handler: "main.handler" },
      found: "main.handler",
      expected: "lambda_function.lambda_handler",
      says: {
        es: "controlador (handler): se esperaba lambda_function.lambda_handler, se encontró main.handler",
        en: "handler: expected lambda_function.lambda_handler, found main.handler",
      },
    },
    // The course's file name, funcion_lambda.py, kept as the module.
    { facts: { handler: "funcion_lambda.lambda_handler" }, found: "funcion_lambda.lambda_handler" },
    { facts: { handler: null }, found: null, says: { es: "no se encontró nada", en: "found nothing" } },
  ],
});

checkTable("lab-lambda", "memory-128", FUNCTION, {
  passes: [{ memorySize: 128 }],
  fails: [
    {
      facts: { memorySize: 256 },
      found: "256",
      expected: "128",
      says: { es: "memoria (MB): se esperaba 128, se encontró 256", en: "memory (MB): expected 128, found 256" },
    },
    { facts: { memorySize: 1024 }, found: "1024" },
  ],
});

checkTable("lab-lambda", "prints-six-times", FUNCTION, {
  passes: [
    run({ messageLines: 6 }),
    // The event variant: message and count from the test event.
    { environment: {}, ...run({ message: "Hola desde Platzi", output: Array.from({ length: 6 }, () => "Hola desde Platzi") }) },
    // Graded from CloudWatch Logs (--no-invoke).
    run({ status: "logged", statusCode: null, logStream: "2026/11/28/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0", startedAt: "2026-11-28T09:41:00.000Z" }),
  ],
  fails: [
    {
      facts: run({ messageLines: 5 }),
      found: "5",
      expected: "6",
      says: { es: "se esperaban 6 líneas con el mensaje, se encontraron 5", en: "expected 6 lines with the message, found 5" },
    },
    { facts: run({ messageLines: 7 }), found: "7", says: { es: "se esperaban 6 líneas con el mensaje, se encontraron 7", en: "expected 6 lines with the message, found 7" } },
    { facts: run({ messageLines: 0, output: [] }), found: "0", says: { es: "se encontraron 0", en: "found 0" } },
    {
      // The course's function without how_many_times: int(None) raises.
      facts: run({
        functionError: "Unhandled",
        errorType: "TypeError",
        errorMessage: "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
        messageLines: 0,
      }),
      found: "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
      expected: "6 líneas con el mensaje",
      says: {
        es: "la función falló al ejecutarse: TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType' (se esperaban 6 líneas con el mensaje)",
        en: "the function failed when run: TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType' (expected 6 lines with the message)",
      },
    },
    // It printed six lines and then raised: still a failure, showing the error.
    { facts: run({ functionError: "Unhandled", errorType: "Exception", errorMessage: "boom" }), found: "Exception: boom" },
    // A timeout reports no errorType on older runtimes: the message alone.
    {
      facts: run({ functionError: "Unhandled", errorType: null, errorMessage: "2026-11-28T09:41:03.012Z 8f5a3c1e Task timed out after 3.00 seconds", messageLines: 2 }),
      found: "2026-11-28T09:41:03.012Z 8f5a3c1e Task timed out after 3.00 seconds",
    },
    { facts: run({ functionError: "Unhandled", errorType: null, errorMessage: null }), found: "Unhandled" },
    {
      facts: { functionName: "otra-funcion", ...run({ status: "skipped", messageLines: null, message: null, output: [] }) },
      found: "otra-funcion",
      says: {
        es: "no se revisó lo que imprime otra-funcion: no parece la función del laboratorio (runtime, controlador o memoria distintos); para calificarla, usa --function otra-funcion",
        en: "what otra-funcion prints was not checked: it does not look like the lab's function (its runtime, handler or memory differ); to grade it, use --function otra-funcion",
      },
    },
    {
      facts: run({ status: "no-logs", messageLines: null, message: null, output: [], requestId: null, statusCode: null }),
      found: "/aws/lambda/mi-funcion",
      says: {
        es: "no hay ninguna ejecución completa de la función en CloudWatch Logs (/aws/lambda/mi-funcion): pruébala una vez (pestaña Probar) y vuelve a calificar, o califica sin --no-invoke",
        en: "no complete run of the function in CloudWatch Logs (/aws/lambda/mi-funcion): test it once (Test tab) and grade again, or grade without --no-invoke",
      },
    },
  ],
  errors: [
    {
      // Invoke denied: recorded on the function (checks/lambda.ts), never a failure.
      facts: { invocation: null, errors: [denied("lambda:InvokeFunction", "mi-funcion")] },
      errors: [],
      says: {
        es: "no se pudo comprobar: falta el permiso lambda:InvokeFunction (AccessDeniedException)",
        en: "could not check: the permission lambda:InvokeFunction is missing (AccessDeniedException)",
      },
    },
    {
      facts: { invocation: null, errors: [denied("logs:GetLogEvents", "mi-funcion")] },
      errors: [],
      says: { es: "falta el permiso logs:GetLogEvents", en: "the permission logs:GetLogEvents is missing" },
    },
    {
      facts: {
        invocation: null,
        errors: [{ action: "lambda:InvokeFunction", code: "TimeoutError", kind: "timeout", message: "Request timed out", region: "us-east-1", collector: "lambda", target: "mi-funcion" }],
      },
      errors: [],
      says: { es: "AWS no respondió a tiempo a lambda:InvokeFunction", en: "AWS did not answer lambda:InvokeFunction in time" },
    },
  ],
});

describe("lab-lambda as a whole", () => {
  // The account's checks; the repository's are graded in repo-checks.test.ts.
  const full = readLab("lab-lambda");
  const lab = { ...full, checks: full.checks.filter((c) => c.on !== "repo") };

  it("passes the student who did everything, with full marks, naming the function", () => {
    const result = gradeOne(lab, FUNCTION);
    expect(result.checks.filter((c) => c.status !== "passed").map((c) => c.id)).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.score).toBe(result.maxScore);
    expect(result.resource).toMatchObject({ id: "mi-funcion", name: null });
    const prints = result.checks.find((c) => c.id === "prints-six-times")!;
    expect(prints).toMatchObject({ message: "líneas con el mensaje: 6", found: "6", expected: "6 líneas con el mensaje" });
    expect(result.checks.find((c) => c.id === "runtime-python")!.message).toBe("runtime: python3.13");
  });

  it("does not pass a function that prints five times, though it scores well (a required check)", () => {
    const result = gradeOne(lab, { ...FUNCTION, ...run({ messageLines: 5 }) });
    expect(result.checks.find((c) => c.id === "prints-six-times")!.message).toBe("se esperaban 6 líneas con el mensaje, se encontraron 5");
    expect(result.passed).toBe(false);
    expect(result.score / result.maxScore).toBeGreaterThanOrEqual(lab.passMark / 100);
  });

  it("grades the function that ran over one it did not run, and lists the other", () => {
    const snapshot = snapshotWith(lab, null);
    const skipped = { ...FUNCTION, functionName: "prueba-node", runtime: "nodejs22.x", ...run({ status: "skipped", messageLines: null, message: null, output: [] }) };
    snapshot.facts["lambda"] = { mode: "invoke", functions: [skipped, FUNCTION] };
    const result = evaluate(lab, snapshot, { lang: "es", now: new Date("2026-11-28T10:00:00Z") });
    expect(result.resource).toMatchObject({ id: "mi-funcion", others: [expect.objectContaining({ id: "prueba-node" })] });
    expect(result.passed).toBe(true);
    const picked = evaluate(lab, snapshot, { lang: "en", now: new Date("2026-11-28T10:00:00Z"), select: "prueba-node" });
    expect(picked.checks.find((c) => c.id === "prints-six-times")!.message).toContain("to grade it, use --function prueba-node");
  });

  it("grades no check when the region has no function, and says once where one is", () => {
    const es = gradeOne(lab, null, { elsewhere: [{ region: "eu-west-1", count: 1, ids: ["mi-funcion"] }] });
    expect(es.resource).toBeNull();
    const account = es.checks.filter((c) => c.maxPoints > 0);
    expect(account.every((c) => c.status === "skipped" && c.hint === null)).toBe(true);
    expect(es.notes).toEqual(["no hay funciones Lambda en us-east-1; tu función Lambda está en eu-west-1: ejecuta con --region eu-west-1"]);
    expect(es.checks[0]!.message).toBe("omitida: no hay funciones Lambda en us-east-1");
    const en = gradeOne(lab, null, { elsewhere: [{ region: "eu-west-1", count: 1, ids: ["mi-funcion"] }] }, "en");
    expect(en.notes).toEqual(["there are no Lambda functions in us-east-1; your Lambda function is in eu-west-1: run with --region eu-west-1"]);
    expect(en.checks[0]!.message).toBe("skipped: there are no Lambda functions in us-east-1");
  });

  it("names the functions there are when --function names none of them", () => {
    const snapshot = snapshotWith(lab, FUNCTION);
    const result = evaluate(lab, snapshot, { lang: "es", now: new Date("2026-11-28T10:00:00Z"), select: "noexiste" });
    expect(result.notes).toEqual(["no se encontró «noexiste» en us-east-1; hay 1 función Lambda: mi-funcion. Indica cuál con --function mi-funcion"]);
  });

  it("tells how to create the function when there is none anywhere", () => {
    const result = gradeOne(lab, null);
    expect(result.notes.join(" ")).toContain("Crear una función");
  });

  it("turns a denied ListFunctions into errors on every check", () => {
    const result = gradeOne(lab, FUNCTION, { errors: [denied("lambda:ListFunctions")] });
    expect(result.checks.every((c) => c.status === "error")).toBe(true);
    expect(result.checks[0]!.message).toContain("lambda:ListFunctions");
    expect(result.ungradable).toBe(true);
  });

  it("keeps the configuration checks when only the Invoke was denied", () => {
    const result = gradeOne(lab, { ...FUNCTION, invocation: null, errors: [denied("lambda:InvokeFunction", "mi-funcion")] });
    expect(Object.fromEntries(result.checks.map((c) => [c.id, c.status]))).toEqual({
      "function-exists": "passed",
      "runtime-python": "passed",
      handler: "passed",
      "memory-128": "passed",
      "prints-six-times": "error",
    });
    expect(result.ungradable).toBe(false);
  });
});

describe("evidence sentences (a `fields` entry with {expected} or {found})", () => {
  const check: Check = {
    id: "example",
    points: 1,
    title: { es: "Ejemplo", en: "Example" },
    hint: { es: "arréglalo", en: "fix it" },
    field: { es: "líneas", en: "lines" },
    fields: {
      "/lines": { es: "se esperaban {expected} líneas, se encontraron {found}", en: "expected {expected} lines, found {found}" },
      "/name": { es: "nombre", en: "name" },
    },
    expected: {},
  };
  const constError = (instancePath: string, allowedValue: unknown) =>
    ({ keyword: "const", instancePath, schemaPath: `#/properties${instancePath}/const`, params: { allowedValue } }) as ErrorObject;

  it("tells sentences from names", () => {
    expect(isSentence(check.fields!["/lines"]!)).toBe(true);
    expect(isSentence(check.fields!["/name"]!)).toBe(false);
  });

  it("is said whole, with the part's value as found, and «nada» for nothing", () => {
    const five = evidenceFor(check, constError("/lines", 6), { lines: 5, name: "a" }, 5, "es");
    expect(five).toMatchObject({ expected: "6", found: "5" });
    expect(evidenceMessage(five, "es")).toBe("se esperaban 6 líneas, se encontraron 5");
    const none = evidenceFor(check, constError("/lines", 6), { lines: null, name: "a" }, null, "en");
    expect(evidenceMessage(none, "en")).toBe("expected 6 lines, found nothing");
  });

  it("leaves names as they were, and never lists a sentence as a part of what was found", () => {
    const named = evidenceFor(check, constError("/name", "b"), { lines: 6, name: "a" }, { lines: 6, name: "a" }, "es");
    expect(evidenceMessage(named, "es")).toBe("nombre: se esperaba b, se encontró a");
    expect(formatFound(check, { lines: 6, name: "a" }, "es")).toBe("nombre: a");
  });
});
