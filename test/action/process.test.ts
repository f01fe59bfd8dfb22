import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { beanstalkWorld, startNodeApp, type BeanstalkWorld } from "../support/beanstalk-fake.js";
import { ROOT } from "../support/cli.js";
import { startFakeAws, type FakeAws } from "../support/fake-aws.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { validateReport } from "../support/report-schema.js";

// The Action as the runner runs it: `node dist/action.js` from the action's own checkout (no
// node_modules), inputs as INPUT_* variables, outputs appended to the GITHUB_OUTPUT file, the job
// summary to GITHUB_STEP_SUMMARY, annotations and masks as workflow commands on stdout. AWS is
// moto with the loopback fake in front; the student's app is a loopback stand-in.

const SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETKEY";

let moto: Moto;
let fake: FakeAws;
let world: BeanstalkWorld;
let app: Awaited<ReturnType<typeof startNodeApp>>;
let actionDir: string;

beforeAll(async () => {
  [moto, app] = await Promise.all([startMoto(), startNodeApp()]);
  fake = await startFakeAws(moto.url);
  world = beanstalkWorld(fake, moto.url);
  // What the runner has under _actions/<owner>/calificar/v1/: the repository, not an npm install.
  actionDir = join(mkdtempSync(join(tmpdir(), "calificar-_actions-")), "calificar", "v1");
  mkdirSync(join(actionDir, "dist"), { recursive: true });
  cpSync(join(ROOT, "dist", "action.js"), join(actionDir, "dist", "action.js"));
  for (const entry of ["action.yml", "package.json", "labs", "schemas", "report-templates"]) cpSync(join(ROOT, entry), join(actionDir, entry), { recursive: true });
});
afterAll(async () => {
  await Promise.all([moto?.stop(), app?.close(), fake?.close()]);
});
beforeEach(async () => {
  await moto.reset();
  fake.reset();
  world.clear();
  world.install();
});

/** `name<<DELIMITER\nvalue\nDELIMITER` blocks, as @actions/core writes GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const block = /^([^\n<]+)<<([^\n]+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(block)) outputs[m[1]!] = m[3]!;
  return outputs;
}

/** `::command key=value,…::message` lines, unescaped as the runner reads them. */
function workflowCommands(stdout: string): { command: string; properties: Record<string, string>; message: string }[] {
  const unescape = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
  return stdout.split("\n").flatMap((line) => {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) return [];
    const properties = Object.fromEntries((m[2] ?? "").split(",").filter(Boolean).map((kv) => {
      const at = kv.indexOf("=");
      return [kv.slice(0, at), unescape(kv.slice(at + 1))];
    }));
    return [{ command: m[1]!, properties, message: unescape(m[3]!) }];
  });
}

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

/** One step of a job: the runner's environment for `uses: <org>/calificar@v1` with `with:` inputs. */
async function runAction(
  fixture: string,
  inputs: Record<string, string>,
  files: Record<string, string> = {},
  /** Changes to the step's environment; `undefined` removes a variable (a workflow without AWS credentials). */
  envChanges: Record<string, string | undefined> = {},
): Promise<ActionRun> {
  const job = mkdtempSync(join(tmpdir(), "calificar-job-"));
  const workspace = join(job, "work", "entrega", "entrega");
  cpSync(join(ROOT, "test", "fixtures", "repos", fixture), workspace, { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(workspace, path), text);
  const temp = join(job, "_temp");
  mkdirSync(temp);
  const outputFile = join(temp, "set_output_1");
  const summaryFile = join(temp, "step_summary_1");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  // The runner passes every input, with action.yml's defaults filled in.
  const withDefaults: Record<string, string> = {
    region: "", lang: "es", "labs-dir": "", "repo-path": workspace, "fail-on-fail": "true", format: "json", "report-path": "", ...inputs,
  };
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "",
    HOME: job,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: temp,
    ...Object.fromEntries(Object.entries(withDefaults).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    // What aws-actions/configure-aws-credentials leaves for the next steps, pointed at the fake.
    ...awsEnv(fake.url),
    AWS_SECRET_ACCESS_KEY: SECRET_KEY,
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CONFIG_FILE: join(job, "no-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(job, "no-credentials"),
    CALIFICAR_PROBE_HOST: `127.0.0.1:${app.port}`,
  };
  for (const [name, value] of Object.entries(envChanges)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const child = spawn(process.execPath, [join(actionDir, "dist", "action.js")], { cwd: workspace, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, stdout, stderr, outputs: parseOutputFile(readFileSync(outputFile, "utf8")), summary: readFileSync(summaryFile, "utf8"), workspace };
}

describe("node dist/action.js, as the runner runs it", () => {
  it("grades lab-beanstalk's account and repository into one report, one score, one classroom result", async () => {
    await world.seed();
    const run = await runAction("beanstalk-list", { lab: "lab-beanstalk" });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ score: "19", "max-score": "19", passed: "true" });
    const result = JSON.parse(Buffer.from(run.outputs["result"]!, "base64").toString("utf8"));
    expect(result).toMatchObject({ version: 1, status: "pass", max_score: 19 });
    expect(result.tests.map((t: { test_code: string }) => t.test_code)).toEqual(expect.arrayContaining(["app-reachable", "procfile", "no-committed-secrets"]));
    // The report file: RUNNER_TEMP by default, and the published JSON schema.
    expect(run.outputs["report-path"]).toMatch(/_temp[\\/]calificar-lab-beanstalk\.json$/);
    const report = JSON.parse(readFileSync(run.outputs["report-path"]!, "utf8"));
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.checks.map((c: { status: string }) => c.status).every((s: string) => s === "passed")).toBe(true);
    // The job summary is the md report.
    expect(run.summary).toContain("## ✅");
    expect(run.summary).toContain("19/19");
    expect(run.summary).toContain("**ebextensions-autoscaling**");
    // The credentials are masked before anything else is printed, and never printed themselves.
    expect(run.stdout.split("\n")[0]).toBe(`::add-mask::${SECRET_KEY}`);
    expect(run.stdout.replace(`::add-mask::${SECRET_KEY}`, "")).not.toContain(SECRET_KEY);
    expect(run.stdout).not.toMatch(/^::(error|warning)/m);
    // The text report, which quotes the student's files, is printed with workflow commands stopped.
    const stop = /^::stop-commands::(.+)$/m.exec(run.stdout)?.[1];
    expect(stop).toMatch(/^[0-9a-f-]{36}$/);
    const quoted = run.stdout.split(`::stop-commands::${stop}\n`)[1]?.split(`\n::${stop}::`)[0] ?? "";
    expect(quoted).toContain("ebextensions-autoscaling");
    expect(quoted).toContain("Nota: 19/19");
  }, 60_000);

  it("annotates the repository's problems as workflow commands and fails the step when the lab is not passed", async () => {
    await world.seed({ health: "Red", healthStatus: "Severe" });
    const keyId = ["AK", "IA", "Z7QK3MP4XR2T9WLC"].join("");
    const run = await runAction("beanstalk-secrets", { lab: "lab-beanstalk", lang: "en" }, { ".env": `# local\nAWS_ACCESS_KEY_ID=${keyId}\n` });
    expect(run.code).toBe(1);
    const commands = workflowCommands(run.stdout).filter((c) => c.command === "error" || c.command === "warning");
    const annotation = (id: string) => commands.find((c) => c.properties["title"]?.startsWith(`${id}: `));
    expect(annotation("no-committed-secrets")).toMatchObject({ command: "error", properties: { file: ".ebextensions/db.config", line: "7" } });
    expect(annotation("no-committed-secrets")?.message).toContain(".env:2 aws-access-key-id");
    expect(annotation("no-committed-secrets")?.message).toContain("\nHow to fix: Remove the secret");
    // No asg setting anywhere: the annotation goes to the folder's config file, to add it there.
    expect(annotation("ebextensions-autoscaling")).toMatchObject({ command: "error", properties: { file: ".ebextensions/db.config" } });
    expect(annotation("start-script")).toBeUndefined(); // no package.json: nothing to point at
    // The step's failure, last, in English.
    expect(commands.at(-1)).toEqual({ command: "error", properties: {}, message: "lab-beanstalk: not passed, 13/19 (pass mark 70%)" });
    expect(run.outputs).toMatchObject({ passed: "false", "max-score": "19" });
    expect(JSON.parse(Buffer.from(run.outputs["result"]!, "base64").toString("utf8")).status).toBe("fail");
    expect(run.summary).toContain("## ❌");
    const everything = run.stdout + run.stderr + run.summary + JSON.stringify(run.outputs) + readFileSync(run.outputs["report-path"]!, "utf8");
    for (const secret of [keyId, "Sup3r-S3creta-2026", "Otra-Clave-99", "Compose-Clave-7"]) expect(everything).not.toContain(secret);
  }, 60_000);

  it("fails the step with a sentence and an error result when the lab does not exist", async () => {
    const run = await runAction("beanstalk-list", { lab: "lab-nada" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::calificar: Laboratorio desconocido «lab-nada»");
    expect(run.outputs).toMatchObject({ passed: "false" });
    expect(JSON.parse(Buffer.from(run.outputs["result"]!, "base64").toString("utf8"))).toEqual({ version: 1, status: "error", max_score: 0, tests: [] });
    expect(run.outputs).toMatchObject({ score: "0", "max-score": "0" });
    expect(run.summary).toContain("## calificar: no se pudo calificar");
    expect(run.summary).toContain("Laboratorio desconocido «lab-nada»");
  });
});

// A submission repository's workflow often has no access to the student's account.
const NO_CREDENTIALS = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_ENDPOINT_URL: undefined };

describe("node dist/action.js without AWS credentials", () => {
  it("still grades the repository, writes the report, the outputs and the summary, and fails the step saying how to give it credentials", async () => {
    const run = await runAction("beanstalk-list", { lab: "lab-beanstalk" }, {}, NO_CREDENTIALS);
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(run.outputs["report-path"]!, "utf8"));
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.scope).toMatchObject({ account: "unreachable", repository: "graded" });
    expect(report.scope.reason).toContain("aws-actions/configure-aws-credentials");
    // The repository's five checks are graded; the account's are errors, never failed.
    const byId = Object.fromEntries(report.checks.map((c: { id: string; status: string }) => [c.id, c.status]));
    expect(byId["procfile"]).toBe("passed");
    expect(byId["environment-ready"]).toBe("error");
    expect(report.checks.filter((c: { status: string }) => c.status === "failed")).toEqual([]);
    expect(run.outputs).toMatchObject({ score: String(report.score), "max-score": "19", passed: "false" });
    expect(run.summary).toContain("aws-actions/configure-aws-credentials");
    const commands = workflowCommands(run.stdout).filter((c) => c.command === "error");
    expect(commands.at(-1)?.message).toMatch(/^lab-beanstalk: no se pudo calificar la cuenta de AWS: No hay credenciales de AWS válidas en el flujo de trabajo/);
    expect(run.stdout + run.stderr).not.toContain("NodeVersionSupportWarning");
  }, 60_000);

  it("with repo-only: true grades the repository alone, calls no AWS, and passes on the repository's points", async () => {
    const before = fake.calls.length;
    const run = await runAction("beanstalk-list", { lab: "lab-beanstalk", "repo-only": "true" }, {}, NO_CREDENTIALS);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(fake.calls.length).toBe(before);
    const report = JSON.parse(readFileSync(run.outputs["report-path"]!, "utf8"));
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.scope).toMatchObject({ account: "not-requested", repository: "graded" });
    expect(run.outputs).toMatchObject({ score: "5", "max-score": "5", passed: "true" });
    expect(run.summary).toContain("5/5");
  }, 60_000);
});
