import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FORMATS } from "../../src/report/index.js";
import { runCli, type CliRun } from "../support/cli.js";
import { validateReport } from "../support/report-schema.js";
import { parseXml } from "./xml.js";

const EXAMPLE = "examples/lab-ec2.snapshot.json";

describe("report formats", () => {
  it("are exactly the issue's list, in its order", () => {
    expect(FORMATS).toEqual(["text", "json", "md", "html", "junit", "gradescope", "classroom50"]);
  });

  it("--format rejects anything else with exit code 2 and lists them", async () => {
    const run = await runCli(["lab-ec2", "--snapshot", EXAMPLE, "--format", "pdf"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("text, json, md, html, junit, gradescope, classroom50");
  });
});

// The built CLI (CALIFICAR_CLI or dist/), so templates are found from the build's location.
describe("every format from the built CLI, written with --output", () => {
  const dir = mkdtempSync(join(tmpdir(), "calificar-formats-"));
  const runs = new Map<string, { run: CliRun; file: string }>();
  beforeAll(async () => {
    await Promise.all(
      FORMATS.map(async (format) => {
        const file = join(dir, `report.${format}`);
        const run = await runCli(["lab-ec2", "--snapshot", EXAMPLE, "--format", format, "--output", file, "--lang", "en"], {
          CLASSROOM: "aws-2026",
          ASSIGNMENT: "lab-ec2",
        });
        runs.set(format, { run, file });
      }),
    );
  });
  const output = (format: string) => {
    const { run, file } = runs.get(format)!;
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toBe("");
    // The terminal still gets the text summary.
    expect(run.stdout).toContain("NOT PASSED");
    return readFileSync(file, "utf8");
  };

  it("json validates against the published schema", () => {
    const report = JSON.parse(output("json"));
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report).toMatchObject({ lab: { id: "lab-ec2" }, lang: "en", score: 10, maxScore: 13 });
  });

  it("md has the score line and the table", () => {
    const md = output("md");
    expect(md).toContain("**Score: 10/13 (77%) · NOT PASSED**");
    expect(md).toContain("| ❌ failed | **ssh-restricted** ·");
  });

  it("html is an English page", () => {
    const html = output("html");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<caption>Checks of lab-ec2</caption>");
  });

  it("junit parses, with two failures", () => {
    const root = parseXml(output("junit"));
    expect(root.children[0]!.attrs).toMatchObject({ name: "lab-ec2", tests: "10", failures: "2", errors: "0", skipped: "1" });
  });

  it("gradescope and classroom50 carry the score", () => {
    expect(JSON.parse(output("gradescope"))).toMatchObject({ score: 10 });
    expect(JSON.parse(output("classroom50"))).toMatchObject({ classroom: "aws-2026", score: 10, "max-score": 13 });
  });

  it("text is the terminal report", () => {
    expect(output("text")).toContain("Score: 10/13 (77%)");
  });
});
