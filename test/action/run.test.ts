import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Result } from "../../src/core/result.js";
import { beanstalkWorld, startNodeApp, type BeanstalkWorld, type StudentEnvironment } from "../support/beanstalk-fake.js";
import { ROOT } from "../support/cli.js";
import { startFakeAws, type FakeAws } from "../support/fake-aws.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { freePort } from "../support/ports.js";
import { validateReport } from "../support/report-schema.js";

// run() of the Action with @actions/core swapped for mock functions, as GitHub's typescript-action
// template tests its main: inputs in, outputs, job summary, annotations and the step's verdict
// out. It grades for real: the SDK talks to moto with the loopback fake in front (see
// test/e2e/lab-beanstalk.test.ts), the repository checks read a fixture repository.

const core = vi.hoisted(() => {
  const summary = { addRaw: vi.fn(), write: vi.fn() };
  summary.addRaw.mockImplementation(() => summary);
  summary.write.mockImplementation(async () => summary);
  return {
    getInput: vi.fn<(name: string) => string>(),
    setOutput: vi.fn<(name: string, value: unknown) => void>(),
    setFailed: vi.fn<(message: string) => void>(),
    setSecret: vi.fn<(secret: string) => void>(),
    info: vi.fn<(message: string) => void>(),
    debug: vi.fn<(message: string) => void>(),
    warning: vi.fn<(message: string, properties?: object) => void>(),
    error: vi.fn<(message: string, properties?: object) => void>(),
    notice: vi.fn<(message: string, properties?: object) => void>(),
    summary,
  };
});
vi.mock("@actions/core", () => core);

const { annotate, autogradingResult, run } = await import("../../src/action/run.js");

const FIXTURES = join(ROOT, "test", "fixtures", "repos");
const SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETKEY";
const SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD";

let moto: Moto;
let fake: FakeAws;
let world: BeanstalkWorld;
let app: Awaited<ReturnType<typeof startNodeApp>>;
let tmp: string;

beforeAll(async () => {
  [moto, app] = await Promise.all([startMoto(), startNodeApp()]);
  fake = await startFakeAws(moto.url);
  world = beanstalkWorld(fake, moto.url);
});
afterAll(async () => {
  await Promise.all([moto?.stop(), app?.close(), fake?.close()]);
});
beforeEach(async () => {
  vi.clearAllMocks();
  await moto.reset();
  fake.reset();
  world.clear();
  world.install();
  tmp = mkdtempSync(join(tmpdir(), "calificar-action-"));
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A checkout of the student's repository: a fixture, plus files (a .env, a key) written here. */
function workspace(fixture: string, files: Record<string, string> = {}): string {
  const dir = join(tmp, "repo");
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The environment a job has after aws-actions/configure-aws-credentials, pointed at the fake. */
function jobEnv(repo: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const vars: Record<string, string> = {
    ...awsEnv(fake.url),
    AWS_SECRET_ACCESS_KEY: SECRET_KEY,
    AWS_SESSION_TOKEN: SESSION_TOKEN,
    AWS_CONFIG_FILE: join(tmp, "no-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(tmp, "no-credentials"),
    GITHUB_WORKSPACE: repo,
    GITHUB_STEP_SUMMARY: join(tmp, "summary.md"),
    RUNNER_TEMP: tmp,
    CALIFICAR_PROBE_HOST: `127.0.0.1:${app.port}`,
    ...extra,
  };
  // The SDK reads credentials and the endpoint from process.env itself.
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  return process.env;
}

/** Inputs as the runner hands them over, defaults from action.yml filled in. */
function inputs(values: Record<string, string>): void {
  const all: Record<string, string> = { lang: "es", "fail-on-fail": "true", format: "json", ...values };
  core.getInput.mockImplementation((name: string) => all[name] ?? "");
}

const outputs = () => Object.fromEntries(core.setOutput.mock.calls.map(([k, v]) => [k, String(v)]));
const decoded = (value: string | undefined) => JSON.parse(Buffer.from(value ?? "", "base64").toString("utf8"));
/** Everything run() let out: outputs, log lines, annotations, summary, failure message. */
function everythingPrinted(): string {
  return JSON.stringify([
    core.setOutput.mock.calls,
    core.info.mock.calls,
    core.debug.mock.calls,
    core.warning.mock.calls,
    core.error.mock.calls,
    core.setFailed.mock.calls,
    core.summary.addRaw.mock.calls,
  ]) + Buffer.from(outputs()["result"] ?? "", "base64").toString("utf8");
}

const REPO_CHECKS = ["ebextensions-autoscaling", "ebextensions-trigger", "procfile", "start-script", "no-committed-secrets"];

describe("run(): lab-beanstalk's account and repository, graded together", () => {
  it("passes the course's environment and repository: outputs, job summary, report file, classroom result", async () => {
    await world.seed();
    const repo = workspace("beanstalk-list");
    const reportPath = join(tmp, "informes", "calificar.json");
    inputs({ lab: "lab-beanstalk", "repo-path": repo, "report-path": reportPath });
    await run(jobEnv(repo));

    expect(core.setFailed).not.toHaveBeenCalled();
    const out = outputs();
    expect(out).toMatchObject({ score: "19", "max-score": "19", passed: "true", "report-path": reportPath });
    const result = decoded(out["result"]);
    expect(result).toMatchObject({ version: 1, status: "pass", max_score: 19 });
    expect(result.tests).toHaveLength(14);
    expect(result.tests.every((t: { status: string }) => t.status === "pass")).toBe(true);
    expect(result.tests.reduce((sum: number, t: { score: number }) => sum + t.score, 0)).toBe(19);
    expect(result.tests.map((t: { name: string }) => t.name)).toContain("procfile: Un Procfile con el proceso web");

    // The job summary is the md report, written once.
    expect(core.summary.addRaw).toHaveBeenCalledTimes(1);
    const md = String(core.summary.addRaw.mock.calls[0]![0]);
    expect(md).toContain("19/19");
    for (const id of [...REPO_CHECKS, "environment-ready", "app-reachable"]) expect(md).toContain(`**${id}**`);
    expect(core.summary.write).toHaveBeenCalledTimes(1);

    const report = JSON.parse(readFileSync(reportPath, "utf8"));
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report).toMatchObject({ lab: { id: "lab-beanstalk" }, score: 19, maxScore: 19, passed: true });
    expect(core.error).not.toHaveBeenCalled();
    expect(core.warning).not.toHaveBeenCalled();
  });

  it("annotates each repository problem on its file and line, and fails the step when the lab is not passed", async () => {
    await world.seed({ health: "Red", healthStatus: "Severe" });
    const repo = workspace("beanstalk-json");
    inputs({ lab: "lab-beanstalk", "repo-path": repo });
    await run(jobEnv(repo));

    const annotations = core.error.mock.calls.map(([message, props]) => ({ message, ...(props as object) }));
    expect(annotations).toEqual([
      expect.objectContaining({ file: ".ebextensions/autoscaling.config", startLine: 3, title: "ebextensions-autoscaling: En .ebextensions: de 2 a 5 instancias" }),
      expect.objectContaining({ file: ".ebextensions/scaling-trigger.config", startLine: 6, title: expect.stringMatching(/^ebextensions-trigger: /) }),
      expect.objectContaining({ file: "Procfile", title: expect.stringMatching(/^procfile: /) }),
      expect.objectContaining({ file: "package.json", startLine: 5, title: expect.stringMatching(/^start-script: /) }),
    ]);
    expect(annotations[0]!.message).toContain("mínimo de instancias en .ebextensions (aws:autoscaling:asg MinSize): se esperaba 2, se encontró 1");
    expect(annotations[0]!.message).toContain("Cómo arreglarlo: En .ebextensions/autoscaling.config");
    // The account's failures are in the report, not annotations: they have no file.
    expect(core.warning).not.toHaveBeenCalled();

    // 12 of the account's 14 points and 1 of the repository's 5: 13/19 is under 70 %.
    expect(outputs()).toMatchObject({ score: "13", "max-score": "19", passed: "false" });
    expect(core.setFailed).toHaveBeenCalledTimes(1);
    expect(core.setFailed).toHaveBeenCalledWith("lab-beanstalk: no aprobado, 13/19 (mínimo 70%)");
    const result = decoded(outputs()["result"]);
    expect(result.status).toBe("fail");
    expect(result.tests.find((t: { test_code: string }) => t.test_code === "health-green")).toMatchObject({ status: "fail", score: 0 });
    expect(result.tests.find((t: { test_code: string }) => t.test_code === "start-script")).toMatchObject({ status: "fail", filename: "package.json", line_no: 5 });
  });

  it("with fail-on-fail false, warns instead of failing the step, in English with lang en", async () => {
    await world.seed({ health: "Red", healthStatus: "Severe" });
    const repo = workspace("beanstalk-json");
    inputs({ lab: "lab-beanstalk", "repo-path": repo, "fail-on-fail": "false", lang: "en" });
    await run(jobEnv(repo));
    expect(core.setFailed).not.toHaveBeenCalled();
    expect(core.warning).toHaveBeenCalledWith("lab-beanstalk: not passed (13/19); fail-on-fail is false");
    expect(String(core.error.mock.calls[0]![0])).toContain("expected 2, found 1");
    expect(outputs()["passed"]).toBe("false");
  });

  it("annotates files relative to the workspace when the app lives in a subfolder given as repo-path", async () => {
    await world.seed();
    const repo = workspace("beanstalk-json");
    mkdirSync(join(tmp, "ws"));
    cpSync(repo, join(tmp, "ws", "entrega"), { recursive: true });
    inputs({ lab: "lab-beanstalk", "repo-path": "entrega" });
    await run(jobEnv(join(tmp, "ws")));
    expect(core.error.mock.calls.map(([, p]) => (p as { file: string }).file)).toContain("entrega/.ebextensions/autoscaling.config");
  });

  it("masks the credentials and never lets a committed secret's value out", async () => {
    await world.seed({ properties: { RDS_PASSWORD: "Pl4in-Text-Passw0rd-9f3c" } });
    const keyId = ["AK", "IA", "Z7QK3MP4XR2T9WLC"].join("");
    const repo = workspace("beanstalk-secrets", { ".env": `AWS_ACCESS_KEY_ID=${keyId}\n` });
    inputs({ lab: "lab-beanstalk", "repo-path": repo, format: "md" });
    await run(jobEnv(repo));

    const masked = core.setSecret.mock.calls.map(([s]) => s);
    expect(masked).toEqual(expect.arrayContaining([SECRET_KEY, SESSION_TOKEN]));
    // Values too short to be secrets are not masked: masking the short key id would garble the log.
    expect(masked).not.toContain(awsEnv("").AWS_ACCESS_KEY_ID);
    expect(core.error).toHaveBeenCalledWith(expect.stringContaining(".env:1 aws-access-key-id"), expect.objectContaining({ file: ".ebextensions/db.config", startLine: 7 }));
    const printed = everythingPrinted() + readFileSync(outputs()["report-path"]!, "utf8");
    for (const secret of [SECRET_KEY, SESSION_TOKEN, keyId, "Sup3r-S3creta-2026", "Otra-Clave-99", "Compose-Clave-7", "Pl4in-Text-Passw0rd-9f3c"]) {
      expect(printed).not.toContain(secret);
    }
  });
});

describe("run(): what cannot be graded fails the step with a sentence", () => {
  it.each([
    [{ lab: "lab-nada" }, "calificar: Laboratorio desconocido «lab-nada». Laboratorios disponibles: "],
    [{ lab: "" }, "calificar: Falta la entrada lab (p. ej. lab: lab-beanstalk)"],
    [{ lab: "lab-beanstalk", lang: "fr" }, "calificar: Idioma no disponible: fr (usa es o en)"],
    [{ lab: "lab-beanstalk", format: "pdf" }, "calificar: Formato desconocido: pdf"],
    [{ lab: "lab-beanstalk", "fail-on-fail": "quizás" }, "calificar: fail-on-fail debe ser true o false, no «quizás»"],
    [{ lab: "lab-beanstalk", "repo-only": "sí" }, "calificar: repo-only debe ser true o false, no «sí»"],
  ])("%o", async (values, message) => {
    inputs(values);
    await run(jobEnv(workspace("beanstalk-list")));
    expect(core.setFailed).toHaveBeenCalledTimes(1);
    expect(core.setFailed.mock.calls[0]![0]).toContain(message);
    expect(outputs()["passed"]).toBe("false");
    expect(decoded(outputs()["result"])).toEqual({ version: 1, status: "error", max_score: 0, tests: [] });
    // Nothing graded, yet a workflow that reads the outputs and the summary still finds them.
    expect(outputs()["score"]).toBe("0");
    expect(outputs()["max-score"]).toBe("0");
    expect(core.summary.write).toHaveBeenCalledTimes(1);
  });

  it("says it cannot reach AWS when the endpoint refuses, in the input's language", async () => {
    const repo = workspace("beanstalk-list");
    inputs({ lab: "lab-beanstalk", "repo-path": repo, lang: "en" });
    await run(jobEnv(repo, { AWS_ENDPOINT_URL: `http://127.0.0.1:${await freePort()}` }));
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringContaining("lab-beanstalk: the AWS account could not be graded: Could not connect to AWS at http://127.0.0.1:"));
    // Still graded what it could: outputs and the job summary are there for the workflow.
    expect(outputs()["max-score"]).toBe("19");
    expect(core.summary.write).toHaveBeenCalledTimes(1);
    expect(everythingPrinted()).not.toContain(SECRET_KEY);
  });
});

describe("the classroom autograding result and the annotations, from a result", () => {
  const tricky = (): Result => JSON.parse(readFileSync(join(ROOT, "test/fixtures/report-tricky.result.json"), "utf8")) as Result;

  it("maps every check to a test the classroom-resources reporter reads", () => {
    const result = tricky();
    const classroom = autogradingResult(result);
    expect(classroom).toMatchObject({ version: 1, status: "fail", max_score: result.maxScore });
    expect(classroom.tests.map((t) => [t.test_code, t.status, t.score, t.filename, t.line_no])).toEqual([
      ["environment-ready", "error", 0, "", 0],
      ["ebextensions-autoscaling", "fail", 0, ".ebextensions/autoscaling.config", 4],
      ["no-committed-secrets", "fail", 0, "config/db.json", 12],
      ["procfile", "pass", 1, "Procfile", 1],
      ["health-green", "pass", 2, "", 0],
      // The reporter knows pass, fail and error: a skipped check earned nothing.
      ["start-script", "fail", 0, "", 0],
    ]);
    expect(classroom.tests.reduce((sum, t) => sum + t.score, 0)).toBe(result.score);
    const failed = classroom.tests[1]!;
    expect(failed.name).toBe(`ebextensions-autoscaling: ${result.checks[1]!.title}`);
    expect(failed.message).toBe(`${result.checks[1]!.message}\n${result.checks[1]!.hint}`);
    expect(autogradingResult({ ...result, passed: true }).status).toBe("pass");
    expect(autogradingResult({ ...result, ungradable: true }).status).toBe("error");
  });

  it("annotates failed and errored repository checks only: errors as errors, warnings as warnings", () => {
    annotate(tricky(), "/ws/entrega", "/ws");
    expect(core.error.mock.calls).toEqual([
      [expect.stringContaining("Cómo arreglarlo:"), { title: expect.stringMatching(/^ebextensions-autoscaling: /), file: "entrega/.ebextensions/autoscaling.config", startLine: 4 }],
    ]);
    expect(core.warning.mock.calls).toEqual([
      [expect.any(String), { title: expect.stringMatching(/^no-committed-secrets: /), file: "entrega/config/db.json", startLine: 12 }],
    ]);
  });
});
