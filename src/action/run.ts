import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import * as core from "@actions/core";
import { gradeLab } from "../app/grade.js";
import { writeFileAtomic } from "../files/write.js";
import { EXIT, UserError } from "../core/errors.js";
import { isSecretName } from "../core/secrets.js";
import { FORMATS, renderers } from "../report/index.js";
import type { CheckResult, CheckStatus, Result } from "../core/result.js";
import { fill, isLang, type Lang, type Text } from "../core/text.js";
import { WORDS } from "./messages.js";

// run() for action.yml, as in GitHub's typescript-action template: inputs through @actions/core,
// the grading the CLI does (gradeLab), then outputs, the job summary, annotations on the
// repository's files and the step's verdict. dist/action.js is its bundle.

/** The classroom-resources autograding reporter's result (version 1), as its graders write it. */
export interface AutogradingResult {
  version: 1;
  status: "pass" | "fail" | "error";
  max_score: number;
  tests: AutogradingTest[];
}

export interface AutogradingTest {
  name: string;
  status: "pass" | "fail" | "error";
  score: number;
  message: string;
  test_code: string;
  filename: string;
  line_no: number;
}

const TEST_STATUS: Record<CheckStatus, AutogradingTest["status"]> = { passed: "pass", failed: "fail", error: "error", skipped: "fail" };

/** What forks of GitHub Classroom's workflow read from a grader's `result` output (base64 of this JSON). */
export function autogradingResult(result: Result): AutogradingResult {
  return {
    version: 1,
    status: result.ungradable ? "error" : result.passed ? "pass" : "fail",
    max_score: result.maxScore,
    tests: result.checks.map((check) => ({
      name: `${check.id}: ${check.title}`,
      status: TEST_STATUS[check.status],
      score: check.points,
      message: check.hint && check.status !== "passed" ? `${check.message}\n${check.hint}` : check.message,
      test_code: check.id,
      filename: check.file ?? "",
      line_no: check.line ?? 0,
    })),
  };
}

/** The result a grader reports when it could not grade at all. */
const ERROR_RESULT: AutogradingResult = { version: 1, status: "error", max_score: 0, tests: [] };

export function encodeResult(result: AutogradingResult): string {
  return Buffer.from(JSON.stringify(result)).toString("base64");
}

const EXTENSION: Record<string, string> = { text: "txt", json: "json", md: "md", html: "html", junit: "xml", gradescope: "json", classroom50: "json" };


/** A sentence of the Action's in the run's language, placeholders filled. */
function say(text: Text, lang: Lang, data: Record<string, string | number> = {}): string {
  return fill(text[lang], data);
}

// Shorter values would mask every "true" or "1" in the log without hiding anything.
const MIN_MASKED_LENGTH = 8;

/** Masks the values of secret-looking variables (AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, …) in the log. */
export function maskSecrets(env: NodeJS.ProcessEnv): void {
  for (const [name, value] of Object.entries(env)) {
    // AWS_SHARED_CREDENTIALS_FILE names where a secret is, not the secret.
    const location = /_(FILE|PATH|DIR)$/i.test(name);
    if (value && value.length >= MIN_MASKED_LENGTH && isSecretName(name) && !location && !name.startsWith("INPUT_")) core.setSecret(value);
  }
}

interface ActionInputs {
  lab: string;
  region: string | undefined;
  lang: Lang;
  labsDir: string | undefined;
  repoPath: string;
  failOnFail: boolean;
  repoOnly: boolean;
  format: string;
  reportPath: string;
}

/** A boolean input: `true` or `false`, anything else refused by name. */
function booleanInput(name: string, given: string, fallback: "true" | "false"): boolean {
  const value = (given || fallback).toLowerCase();
  if (value !== "true" && value !== "false") throw badInput(WORDS.badBoolean, { input: name, value });
  return value === "true";
}

/** The `lang` input, then CALIFICAR_LANG, then Spanish: as the CLI reads it. */
function langOf(env: NodeJS.ProcessEnv): string {
  return core.getInput("lang") || env["CALIFICAR_LANG"] || "es";
}

function badInput(text: Text, data: Record<string, string | number> = {}): UserError {
  return new UserError({ es: say(text, "es", data), en: say(text, "en", data) }, EXIT.badInput);
}

function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const langInput = langOf(env);
  if (!isLang(langInput)) throw badInput(WORDS.badLang, { value: langInput });
  // The runner does not enforce `required: true`: an empty lab is ours to refuse.
  const lab = core.getInput("lab");
  if (!lab) throw badInput(WORDS.noLab);
  const format = core.getInput("format") || "json";
  if (!renderers[format]) throw badInput(WORDS.badFormat, { value: format, formats: FORMATS.join(", ") });
  const workspace = env["GITHUB_WORKSPACE"] || process.cwd();
  const reportPath = core.getInput("report-path") || join(env["RUNNER_TEMP"] || tmpdir(), `calificar-${lab.replace(/[^\w.-]/g, "_")}.${EXTENSION[format] ?? "txt"}`);
  return {
    lab,
    region: core.getInput("region") || undefined,
    lang: langInput,
    labsDir: core.getInput("labs-dir") ? resolve(workspace, core.getInput("labs-dir")) : undefined,
    repoPath: resolve(workspace, core.getInput("repo-path") || workspace),
    failOnFail: booleanInput("fail-on-fail", core.getInput("fail-on-fail"), "true"),
    repoOnly: booleanInput("repo-only", core.getInput("repo-only"), "false"),
    format,
    reportPath: resolve(workspace, reportPath),
  };
}

/** A repository check's file as the runner annotates it: relative to the workspace, with "/". */
function annotationFile(check: CheckResult, repoPath: string, workspace: string): string {
  const file = relative(workspace, join(repoPath, check.file!));
  return (file.startsWith("..") || isAbsolute(file) ? join(repoPath, check.file!) : file).split(sep).join("/");
}

/** One annotation per repository check that failed or could not run, on its file and line. */
export function annotate(result: Result, repoPath: string, workspace: string): void {
  for (const check of result.checks) {
    if (!check.file || (check.status !== "failed" && check.status !== "error")) continue;
    const message = check.hint ? `${check.message}\n${WORDS.howToFix[result.lang]}: ${check.hint}` : check.message;
    const properties = {
      title: `${check.id}: ${check.title}`,
      file: annotationFile(check, repoPath, workspace),
      ...(check.line ? { startLine: check.line } : {}),
    };
    if (check.severity === "warning") core.warning(message, properties);
    else core.error(message, properties);
  }
}

/** The Action's entry: never throws; any failure becomes setFailed. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  maskSecrets(env);
  const langInput = langOf(env);
  let lang: Lang = isLang(langInput) ? langInput : "es";
  try {
    const inputs = readInputs(env);
    lang = inputs.lang;
    const probeHost = env["CALIFICAR_PROBE_HOST"];
    const result = await gradeLab({
      lab: inputs.lab,
      labsDir: inputs.labsDir,
      lang: inputs.lang,
      region: inputs.region,
      repoDir: inputs.repoPath,
      repoOnly: inputs.repoOnly,
      door: "action",
      probe: { timeoutSeconds: 5, ...(probeHost ? { host: probeHost } : {}) },
      env,
      now: () => new Date(),
    });

    const report = await (await renderers[inputs.format]!())(result, { color: false, env });
    await writeFileAtomic(inputs.reportPath, report);
    // The report quotes what the student wrote (file names, commands, HTTP answers): the runner
    // must not read any of it as a workflow command.
    const stop = randomUUID();
    core.info(`::stop-commands::${stop}`);
    core.info(await (await renderers["text"]!())(result, { color: false }));
    core.info(`::${stop}::`);

    core.setOutput("score", result.score);
    core.setOutput("max-score", result.maxScore);
    core.setOutput("passed", result.passed);
    core.setOutput("report-path", inputs.reportPath);
    core.setOutput("result", encodeResult(autogradingResult(result)));

    if (env["GITHUB_STEP_SUMMARY"]) {
      const md = await (await renderers["md"]!())(result, { color: false, env });
      await core.summary.addRaw(md, true).write();
    }
    annotate(result, inputs.repoPath, env["GITHUB_WORKSPACE"] || process.cwd());

    const data = { lab: result.lab.id, score: result.score, max: result.maxScore, mark: result.passMark };
    // Out of reach is never "graded, not passed": the step fails and says why, whatever fail-on-fail says.
    if (result.scope.account === "unreachable") core.setFailed(say(WORDS.unreachable, lang, { ...data, reason: result.scope.reason ?? "" }));
    else if (result.passed) core.info(say(WORDS.passed, lang, data));
    else if (!inputs.failOnFail) core.warning(say(WORDS.notPassedAllowed, lang, data));
    else core.setFailed(say(result.ungradable ? WORDS.ungradable : WORDS.notPassed, lang, data));
  } catch (err) {
    // Nothing was graded, but a workflow that reads the outputs or the summary still finds them.
    core.setOutput("score", 0);
    core.setOutput("max-score", 0);
    core.setOutput("passed", false);
    core.setOutput("result", encodeResult(ERROR_RESULT));
    const reason = err instanceof UserError ? err.text[lang] : say(WORDS.unexpected, lang, { message: err instanceof Error ? err.message : String(err) });
    if (env["GITHUB_STEP_SUMMARY"]) await core.summary.addRaw(say(WORDS.notGradedSummary, lang, { reason }), true).write().catch(() => undefined);
    if (err instanceof UserError) {
      core.setFailed(`calificar: ${err.text[lang]}${err.detail ? `\n  ${err.detail}` : ""}`);
    } else {
      core.setFailed(`calificar: ${say(WORDS.unexpected, lang, { message: err instanceof Error ? err.message : String(err) })}`);
      if (err instanceof Error && err.stack) core.debug(err.stack);
    }
  }
}
