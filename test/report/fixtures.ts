import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluate } from "../../src/core/evaluate.js";
import type { Lab } from "../../src/core/lab.js";
import type { Result } from "../../src/core/result.js";
import type { Snapshot } from "../../src/core/snapshot.js";
import type { Lang } from "../../src/core/text.js";
import { denied, rule, SERVER } from "../evaluate/ec2-facts.js";
import { ENVIRONMENT } from "../support/beanstalk-facts.js";
import { gradeOne, readLab } from "../support/check-table.js";
import { ROOT } from "../support/cli.js";

// Results the report tests render. Three are evaluated from snapshots, in both languages, so a
// change in evaluation shows up here too; one is written by hand to carry what no shipped lab
// produces yet in one place: repository checks with file/line, every status, and text full of
// characters that Markdown, HTML and XML treat specially.

const NOW = new Date("2026-11-28T10:00:00Z");

/** lab-ec2's account checks: its repository check, skipped without --repo, is covered by trickyResult. */
function ec2Lab(): Lab {
  const lab = readLab("lab-ec2");
  return { ...lab, checks: lab.checks.filter((c) => c.on !== "repo") };
}

/** A student who did everything in lab-ec2: every check passed. */
export function passedLab(lang: Lang): Result {
  return gradeOne(ec2Lab(), SERVER, {}, lang);
}

/** The bundled example (examples/lab-ec2.snapshot.json): elastic-ip and ssh-restricted fail. */
export function failedLab(lang: Lang): Result {
  const snapshot = JSON.parse(readFileSync(join(ROOT, "examples/lab-ec2.snapshot.json"), "utf8")) as Snapshot;
  return evaluate(ec2Lab(), snapshot, { lang, now: NOW });
}

/** SSH open to the world, ec2:DescribeVolumes denied (root-volume: error), --no-probe (flask-app: skipped). */
export function troubledLab(lang: Lang): Result {
  return gradeOne(
    ec2Lab(),
    { ...SERVER, ingress: [rule(22, "0.0.0.0/0"), rule(5000, "0.0.0.0/0")] },
    { errors: [denied("ec2:DescribeVolumes")], skipped: [{ action: "http:GET", reason: "--no-probe" }] },
    lang,
  );
}

/** lab-beanstalk graded without --repo (the Gradescope recipe of old): five repository checks skipped, worth nothing. */
export function beanstalkWithoutRepo(lang: Lang): Result {
  return gradeOne(readLab("lab-beanstalk"), ENVIRONMENT, {}, lang);
}

/** Hand-written (test/fixtures/report-tricky.result.json): repository checks, `<`, `&`, `|`, quotes, Markdown. */
export function trickyResult(): Result {
  return JSON.parse(readFileSync(join(ROOT, "test/fixtures/report-tricky.result.json"), "utf8")) as Result;
}

export const LANGS: Lang[] = ["es", "en"];

/** Every fixture result, named, for tables of tests. */
export function allResults(): [string, Result][] {
  return [
    ...LANGS.flatMap((lang) => [
      [`passed lab-ec2 (${lang})`, passedLab(lang)] as [string, Result],
      [`failed lab-ec2 (${lang})`, failedLab(lang)] as [string, Result],
      [`error and skipped lab-ec2 (${lang})`, troubledLab(lang)] as [string, Result],
      [`lab-beanstalk without --repo (${lang})`, beanstalkWithoutRepo(lang)] as [string, Result],
    ]),
    ["repository checks with special characters (es)", trickyResult()],
  ];
}
