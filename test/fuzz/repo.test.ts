import fc from "fast-check";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readRepoDir, type RepoFacts } from "../../src/collect/repo-reader.js";
import { evaluate } from "../../src/core/evaluate.js";
import { ENVIRONMENT } from "../support/beanstalk-facts.js";
import { readLab, snapshotWith } from "../support/check-table.js";
import { childModule } from "../support/child-module.js";
import { CLI, ROOT } from "../support/cli.js";
import { budget, params, RUNS, within } from "./fuzz.js";

// The repository reader (`--repo DIR`, the Action's workspace), fuzzed with trees of odd names,
// symlink loops and links out of the repository, FIFOs, huge sparse and binary files, and files
// and folders nobody may read. It always finishes, never follows a link, names only files inside
// the repository, and records what it could not read: repository checks then say so (an `error`
// outcome naming the file), never a silent «failed».
//
// chmod 000 does not stop root, and these tests may run as root: there the in-process property
// cannot check the recording of unreadable files, and says so in its name; the tests after it
// drop to the `nobody` user for that part (and are skipped, saying why, when that is impossible).

const AS_ROOT = process.getuid?.() === 0;
const scratch = mkdtempSync(join(tmpdir(), "calificar-fuzz-repo-"));
afterAll(() => {
  spawnSync("chmod", ["-R", "u+rwx", scratch]);
  rmSync(scratch, { recursive: true, force: true });
});

type Kind = "text" | "secret" | "binary" | "huge" | "loop" | "dangling" | "outside" | "fifo" | "unreadable-file" | "unreadable-dir";
interface Entry {
  dir: string[];
  name: string;
  kind: Kind;
  text: string;
}

const validName = (n: string) => n !== "." && n !== ".." && !n.includes("/") && !n.includes("\u0000") && n.length > 0 && Buffer.byteLength(n) <= 255;
const name = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).filter(validName) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 20 }).filter(validName) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      " ", "-rf", "--help", "ñandú", "日本語", "a\nb", "tab\there", "\r", "*", "?", "\\", ":", "'", '"', "$(x)", "é".repeat(127),
      "Procfile", "package.json", ".ebextensions", "db.config", ".env", "clave.pem", "lambda_function.py", "node_modules", ".git", "x".repeat(255),
    ),
  },
);
const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom("web: node app.js\n", '{"scripts":{"start":"node app.js"}}', "option_settings:\n  aws:autoscaling:asg:\n    MinSize: 2\n", "def lambda_handler(event, context):\n  pass\n", "{ nope", "---\n- [\n"),
);
const entry: fc.Arbitrary<Entry> = fc.record({
  dir: fc.array(fc.oneof(name, fc.constantFrom(".ebextensions", "app", "node_modules")), { maxLength: 3 }),
  name,
  kind: fc.oneof(
    { weight: 12, arbitrary: fc.constant<Kind>("text") },
    { weight: 3, arbitrary: fc.constant<Kind>("secret") },
    { weight: 2, arbitrary: fc.constant<Kind>("binary") },
    { weight: 1, arbitrary: fc.constant<Kind>("huge") },
    { weight: 2, arbitrary: fc.constant<Kind>("loop") },
    { weight: 1, arbitrary: fc.constant<Kind>("dangling") },
    { weight: 1, arbitrary: fc.constant<Kind>("outside") },
    { weight: 1, arbitrary: fc.constant<Kind>("fifo") },
    { weight: 2, arbitrary: fc.constant<Kind>("unreadable-file") },
    { weight: 1, arbitrary: fc.constant<Kind>("unreadable-dir") },
  ),
  text,
});

const SECRET = "Sup3r-S3creta-Fuzz-8842";
/** Outside the repository: a link to it must never be followed, so this never shows up. */
const OUTSIDE = join(scratch, "fuera.env");
writeFileSync(OUTSIDE, `DB_PASSWORD=${SECRET}-fuera\n`);

let trees = 0;
/** Makes the tree on disk; returns the root and the paths (relative) nobody may read. */
function build(entries: Entry[]): { root: string; unreadable: string[] } {
  const root = join(scratch, `t${trees++}`);
  mkdirSync(root);
  const unreadable: string[] = [];
  for (const e of entries) {
    const rel = [...e.dir, e.name];
    const abs = join(root, ...rel);
    try {
      mkdirSync(join(root, ...e.dir), { recursive: true });
      // Never write over what an earlier entry made: opening a FIFO to write would block this test.
      if (lstatSync(abs, { throwIfNoEntry: false })) continue;
      switch (e.kind) {
        case "text":
          writeFileSync(abs, e.text);
          break;
        case "secret":
          writeFileSync(abs, `RDS_PASSWORD=${SECRET}\n${e.text}`);
          break;
        case "binary":
          writeFileSync(abs, Buffer.concat([Buffer.from(e.text), Buffer.from([0, 255, 0, 1])]));
          break;
        case "huge": {
          // Sparse: 3 GiB on paper, nothing on disk. The reader must judge it by its size.
          closeSync(openSync(abs, "w"));
          truncateSync(abs, 3 * 1024 ** 3);
          break;
        }
        case "loop":
          symlinkSync(e.dir.length ? ".." : ".", abs);
          break;
        case "dangling":
          symlinkSync(join(root, "no-existe", e.name), abs);
          break;
        case "outside":
          symlinkSync(OUTSIDE, abs);
          break;
        case "fifo":
          execFileSync("mkfifo", [abs]);
          break;
        case "unreadable-file":
          writeFileSync(abs, `API_TOKEN=${SECRET}\n`);
          chmodSync(abs, 0o000);
          unreadable.push(rel.join("/"));
          break;
        case "unreadable-dir":
          mkdirSync(abs);
          writeFileSync(join(abs, "dentro.txt"), "x");
          chmodSync(abs, 0o000);
          unreadable.push(`${rel.join("/")}/`);
          break;
      }
    } catch {
      // The name clashes with one made before (a file where a folder goes): the tree is still a tree.
    }
  }
  return { root, unreadable };
}

const inside = (file: string) => !file.startsWith("/") && !file.split("/").includes("..");

function expectSane(facts: RepoFacts): void {
  const named = [
    ...facts.secrets.map((s) => s.file),
    ...(facts.unreadable ?? []).map((u) => u.file),
    ...facts.ebextensions.files.map((f) => f.file),
    ...(facts.procfile ? [facts.procfile.file] : []),
    ...(facts.packageJson ? [facts.packageJson.file] : []),
  ];
  for (const file of named) expect(inside(file), file).toBe(true);
  // Links are never followed: what lies outside the repository is never read.
  expect(JSON.stringify(facts)).not.toContain(SECRET);
}

const BEANSTALK = readLab("lab-beanstalk");

describe("fuzzing the repository reader", () => {
  it(`readRepoDir finishes, follows no link, names only files inside, and evaluation grades it (${RUNS} cases)${AS_ROOT ? " — running as root: chmod 000 does not block reads, so the recording of unreadable files is checked by the tests below as nobody" : ""}`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 12 }), async (entries) => {
        const { root, unreadable } = build(entries);
        const facts = await within(10_000, readRepoDir(root), "readRepoDir");
        expectSane(facts);
        if (!AS_ROOT) {
          const recorded = (facts.unreadable ?? []).map((u) => u.file);
          // Inside a folder that is skipped (node_modules, .git) or itself unreadable, nothing is looked at.
          const looked = unreadable.filter((p) => !p.split("/").slice(0, -1).some((d, i, all) => ["node_modules", ".git"].includes(d) || unreadable.includes(`${all.slice(0, i + 1).join("/")}/`)));
          for (const p of looked) expect(recorded, p).toContain(p);
        }
        const snapshot = snapshotWith(BEANSTALK, ENVIRONMENT, { facts: { repo: facts } });
        const result = evaluate(BEANSTALK, snapshot, { lang: "es", now: new Date(0) });
        expect(JSON.stringify(result)).not.toContain(SECRET);
      }),
      params(),
    );
  }, budget(10));

  it("a folder that is not there is bad input with a sentence (exit 2)", async () => {
    await expect(readRepoDir(join(scratch, "no-existe"))).rejects.toMatchObject({ exitCode: 2, text: { es: expect.stringContaining("No existe la carpeta del repositorio") } });
    await expect(readRepoDir(OUTSIDE)).rejects.toMatchObject({ exitCode: 2 });
  });
});

/** Runs `node -e script` as the unprivileged user (root can read anything), or says why it cannot. */
function asNobody(script: string): { stdout: string; status: number | null; stderr?: string } | string {
  if (!AS_ROOT) return "not running as root: chmod 000 already blocks this process";
  const probe = spawnSync(process.execPath, ["-e", `require("fs").accessSync(${JSON.stringify(CLI)})`], { uid: 65534, gid: 65534 });
  if (probe.status !== 0) return "the nobody user cannot read the built CLI here";
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { uid: 65534, gid: 65534, encoding: "utf8", cwd: tmpdir(), timeout: 30_000 });
  return { stdout: run.stdout, status: run.status, stderr: run.stderr };
}

describe("a file or folder nobody may read", () => {
  // A tree nobody can enter but for the two entries locked to them.
  const root = mkdtempSync(join(tmpdir(), "calificar-unreadable-"));
  chmodSync(root, 0o755);
  writeFileSync(join(root, "package.json"), '{"scripts":{"start":"node app.js"}}');
  writeFileSync(join(root, "Procfile"), "web: node app.js\n");
  chmodSync(join(root, "Procfile"), 0o000);
  mkdirSync(join(root, ".ebextensions"));
  writeFileSync(join(root, ".ebextensions", "asg.config"), "option_settings:\n  aws:autoscaling:asg:\n    MinSize: 2\n");
  chmodSync(join(root, ".ebextensions"), 0o000);
  const why = asNobody("0");
  const reason = typeof why === "string" ? why : "";

  it.skipIf(AS_ROOT && reason !== "")(`is recorded by the reader, with the system's code${AS_ROOT ? " (run as nobody: root reads anything)" : ""}`, async () => {
    const script = `const { readRepoDir } = await import(${JSON.stringify(await childModule("src/collect/repo-reader.ts"))});
      process.stdout.write(JSON.stringify(await readRepoDir(${JSON.stringify(root)})));`;
    const run = AS_ROOT ? asNobody(script) : { stdout: execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }), status: 0 };
    if (typeof run === "string") throw new Error(run);
    expect(run.status, run.stderr).toBe(0);
    const facts = JSON.parse(run.stdout) as RepoFacts;
    expect(facts.unreadable).toEqual([
      { file: ".ebextensions/", code: "EACCES" },
      { file: "Procfile", code: "EACCES" },
    ]);
    expect(facts.procfile).toBeNull();
  });

  it.skipIf(AS_ROOT && reason !== "")("makes the repository checks that fail say so through the CLI: error outcomes naming the file, not «failed»", () => {
    const snapshot = join(mkdtempSync(join(tmpdir(), "calificar-unreadable-snap-")), "beanstalk.snapshot.json");
    writeFileSync(snapshot, JSON.stringify(snapshotWith(BEANSTALK, ENVIRONMENT)));
    chmodSync(join(snapshot, ".."), 0o755);
    chmodSync(snapshot, 0o644);
    const args = [CLI, "lab-beanstalk", "--snapshot", snapshot, "--repo", root, "--format", "json"];
    const out = AS_ROOT
      ? spawnSync(process.execPath, args, { uid: 65534, gid: 65534, encoding: "utf8", cwd: tmpdir(), env: { PATH: process.env["PATH"] ?? "", HOME: tmpdir() } })
      : spawnSync(process.execPath, args, { encoding: "utf8", cwd: tmpdir() });
    const report = JSON.parse(out.stdout);
    const status = Object.fromEntries(report.checks.map((c: { id: string; status: string }) => [c.id, c.status]));
    expect(status["procfile"]).toBe("error");
    expect(status["ebextensions-autoscaling"]).toBe("error");
    expect(status["start-script"]).toBe("passed");
    const message = report.checks.find((c: { id: string }) => c.id === "procfile").message as string;
    expect(message).toContain("no se pudo leer Procfile (EACCES)");
    const asg = report.checks.find((c: { id: string }) => c.id === "ebextensions-autoscaling").message as string;
    expect(asg).toContain("no se pudo leer la carpeta .ebextensions/ (EACCES)");
    expect(readFileSync(snapshot, "utf8")).not.toContain("unreadable");
  });
});
