import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { CLI, ROOT, runCli, type CliRun } from "../support/cli.js";
import { errorFor, startFakeAws, type FakeAws } from "../support/fake-aws.js";
import { startFlaskStandIn } from "../support/flask-app.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { freePort } from "../support/ports.js";
import { validateReport } from "../support/report-schema.js";
import { seedServer } from "../support/seed-ec2.js";

// `calificar clase` end to end: the built CLI grades a class of 33 accounts in moto, which models
// many accounts (AssumeRole into arn:aws:iam::<id>:role/x hands out keys that act inside <id>).
// Each account is built in a state a student leaves it in; the loopback fake in front of moto
// refuses, throttles or never answers some students' AssumeRole. The course's Flask app is a
// stand-in on loopback (--probe-host). No traffic leaves the machine.

const INSTRUCTOR = "123456789012"; // moto's default account: whoever signs with the plain test keys
const EXTERNAL_ID = "curso-2026";
/** The per-student deadline of the first run: the reachable students finish well within it (under 15 s alone, under 20 s beside another test file), the hanging one is cut at it. */
const DEADLINE_S = 25;

type Kind = "perfect" | "ssh-open" | "t3-large" | "empty" | "wrong-region" | "in-eu" | "stopped" | "denied" | "no-policy" | "throttled" | "hangs";
interface Student {
  id: string;
  account: string;
  kind: Kind;
}

const KINDS: [Kind, number][] = [
  ["perfect", 15],
  ["ssh-open", 4],
  ["t3-large", 4],
  // An account with nothing in the graded region is searched in every region: moto builds each
  // region of each account on first use, slowly, so one of each is enough.
  ["empty", 1],
  ["wrong-region", 1],
  ["in-eu", 2],
  ["stopped", 1],
  ["denied", 2],
  ["no-policy", 1],
  ["throttled", 1],
  ["hangs", 1],
];
const CLASS: Student[] = KINDS.flatMap(([kind, count]) => Array.from({ length: count }, () => kind)).map((kind, i) => ({
  id: `alumno-${String(i + 1).padStart(2, "0")}`,
  account: `3000000000${String(i + 1).padStart(2, "0")}`,
  kind,
}));
const byKind = (kind: Kind) => CLASS.filter((s) => s.kind === kind);
const NOT_GRADED: Record<string, string> = { denied: "role-denied", "no-policy": "instructor-policy", throttled: "throttled", hangs: "deadline" };
const notGradedIds = CLASS.filter((s) => s.kind in NOT_GRADED).map((s) => s.id).sort();

let moto: Moto;
let fake: FakeAws;
let app: Awaited<ReturnType<typeof startFlaskStandIn>>;
const tmp = mkdtempSync(join(tmpdir(), "calificar-class-e2e-"));
let roster: string;
/** RoleArn of every AssumeRole the fake saw. */
let assumed: string[] = [];

async function keysOf(account: string) {
  const sts = new STSClient({ region: "us-east-1", endpoint: moto.url, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  try {
    const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/seed`, RoleSessionName: "seed" }));
    return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
  } finally {
    sts.destroy();
  }
}

async function seed(student: Student): Promise<void> {
  const credentials = await keysOf(student.account);
  const open = [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }, { IpProtocol: "tcp", FromPort: 5000, ToPort: 5000, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }];
  switch (student.kind) {
    case "perfect":
    case "denied":
    case "no-policy":
    case "throttled":
    case "hangs":
      return void (await seedServer(moto.url, { credentials, elasticIp: true }));
    case "ssh-open":
      return void (await seedServer(moto.url, { credentials, elasticIp: true, ingress: open }));
    case "t3-large":
      return void (await seedServer(moto.url, { credentials, elasticIp: true, instanceType: "t3.large" }));
    case "wrong-region":
      return void (await seedServer(moto.url, { credentials, region: "eu-west-1" }));
    case "in-eu":
      return void (await seedServer(moto.url, { credentials, region: "eu-west-1", elasticIp: true }));
    case "stopped":
      return void (await seedServer(moto.url, { credentials, elasticIp: true, stopped: true }));
    case "empty":
      return;
  }
}

/** The fake's answers for the students whose AssumeRole fails, and a record of every RoleArn asked for. */
function injectFaults(which: Kind[] = ["denied", "no-policy", "throttled", "hangs"]) {
  const kindOf = new Map(CLASS.map((s) => [`arn:aws:iam::${s.account}:role/calificar-readonly`, s.kind]));
  fake.on("sts:AssumeRole", (req) => {
    const role = req.params.get("RoleArn") ?? (req.json as { RoleArn?: string } | undefined)?.RoleArn ?? "";
    assumed.push(role);
    const kind = kindOf.get(role);
    if (!kind || !which.includes(kind)) return undefined; // moto answers
    const caller = `arn:aws:iam::${INSTRUCTOR}:user/profe`;
    if (kind === "denied") return errorFor(req, { code: "AccessDenied", status: 403, message: `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${role}` });
    if (kind === "no-policy") {
      return errorFor(req, { code: "AccessDenied", status: 403, message: `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${role} because no identity-based policy allows the sts:AssumeRole action` });
    }
    if (kind === "throttled") return errorFor(req, { code: "Throttling", status: 400, message: "Rate exceeded" });
    return { hang: true };
  });
}

beforeAll(async () => {
  [moto, app] = await Promise.all([startMoto(), startFlaskStandIn()]);
  fake = await startFakeAws(moto.url);
  for (const student of CLASS) await seed(student);
  const rows = CLASS.map((s) => `${s.id};Nombre ${s.id};${s.id}@uni.es;${s.account};${s.kind === "in-eu" ? "eu-west-1" : ""}`);
  roster = join(tmp, "alumnos.csv");
  writeFileSync(roster, `alumno;nombre;email;cuenta;region\n${rows.join("\n")}\n`);
}, 120_000);
afterAll(async () => {
  await Promise.all([moto?.stop(), app?.close(), fake?.close()]);
});
beforeEach(() => {
  fake.reset();
  assumed = [];
});

const outDir = (name: string) => join(tmp, name);
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

/** Runs `calificar clase` through the fake; no run may print a stack trace. */
async function clase(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const run = await runCli(
    ["clase", "lab-ec2", "--external-id", EXTERNAL_ID, "--probe-host", `127.0.0.1:${app.port}`, "--probe-timeout", "2", ...args],
    { ...awsEnv(fake.url), ...env },
    170_000,
  );
  expect(run.stderr).not.toMatch(/^\s{4}at /m);
  return run;
}

/** notas.csv as records (BOM and CRLF handled by the CSV parser). */
function gradebook(file: string): Record<string, string>[] {
  return parse(readFileSync(file, "utf8"), { columns: true, bom: true }) as Record<string, string>[];
}

const statusOf = (report: { checks: { id: string; status: string }[] }) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));

describe("calificar clase on a class of 33 accounts", () => {
  const out = outDir("informes");
  let first: CliRun;

  it("grades every student who can be reached, records why the others cannot, and exits 1", async () => {
    injectFaults();
    // The student whose AssumeRole never answers is given up at --timeout; the others finish well before.
    first = await clase(["--roster", roster, "--out", out, "--timeout", String(DEADLINE_S)]);
    expect(first.code, first.stderr).toBe(1);

    for (const s of CLASS) {
      const record = readJson(join(out, `${s.id}.json`));
      expect(record.student).toEqual({ id: s.id, name: `Nombre ${s.id}`, email: `${s.id}@uni.es`, accountId: s.account, region: s.kind === "in-eu" ? "eu-west-1" : "us-east-1" });
      if (s.kind in NOT_GRADED) {
        expect(record, s.id).toMatchObject({ notGraded: true, code: NOT_GRADED[s.kind], lab: { id: "lab-ec2" } });
        expect(existsSync(join(out, `${s.id}.snapshot.json`))).toBe(false);
        continue;
      }
      expect(validateReport(record), `${s.id}: ${JSON.stringify(validateReport.errors)}`).toBe(true);
      expect(record.account.id).toBe(s.account);
      expect(readJson(join(out, `${s.id}.snapshot.json`)).account.id).toBe(s.account);
      const status = statusOf(record);
      switch (s.kind) {
        case "perfect":
        case "in-eu":
          expect(record, s.id).toMatchObject({ passed: true, score: 13, maxScore: 13 });
          expect(status["flask-app"]).toBe("passed");
          break;
        case "ssh-open":
          expect(record.passed).toBe(false);
          expect(record.checks.find((c: { id: string }) => c.id === "ssh-restricted")).toMatchObject({ status: "failed", found: "0.0.0.0/0" });
          break;
        case "t3-large":
          expect(record.checks.find((c: { id: string }) => c.id === "instance-type")).toMatchObject({ status: "failed", expected: expect.stringContaining("t2.micro"), found: expect.stringContaining("t3.large") });
          expect(record).toMatchObject({ passed: true, score: 12 });
          break;
        case "empty":
          expect(record).toMatchObject({ passed: false, score: 0, resource: null, elsewhere: [] });
          break;
        case "wrong-region":
          expect(record).toMatchObject({ passed: false, resource: null, elsewhere: [expect.objectContaining({ region: "eu-west-1", count: 1 })] });
          expect(record.notes.join(" ")).toContain("--region eu-west-1");
          break;
        case "stopped":
          expect(status["instance-running"]).toBe("failed");
          expect(record.passed).toBe(false);
          break;
      }
    }

    // Why, in words an instructor can act on.
    const denied = readJson(join(out, `${byKind("denied")[0]!.id}.json`));
    expect(denied.why.es).toContain(`no confía en tu cuenta ${INSTRUCTOR}`);
    expect(denied.why.es).toContain(`--parameter-overrides InstructorAccountId=${INSTRUCTOR} ExternalId=${EXTERNAL_ID}`);
    expect(readJson(join(out, `${byKind("no-policy")[0]!.id}.json`)).why.es).toContain("policies/instructor-policy.json");
    expect(readJson(join(out, `${byKind("throttled")[0]!.id}.json`)).why.es).toContain("--concurrency");
    expect(readJson(join(out, `${byKind("hangs")[0]!.id}.json`)).why.es).toContain(`${DEADLINE_S} s`);

    // notas.csv: one row per roster row, in the roster's order.
    const rows = gradebook(join(out, "notas.csv"));
    expect(rows.map((r) => r["alumno"])).toEqual(CLASS.map((s) => s.id));
    for (const [i, s] of CLASS.entries()) {
      const row = rows[i]!;
      if (s.kind in NOT_GRADED) {
        expect(row).toMatchObject({ nota: "", maximo: "", aprobado: "" });
        expect(row["estado"]).toMatch(/^no-calificado: /);
        continue;
      }
      const report = readJson(join(out, `${s.id}.json`));
      expect(row, s.id).toMatchObject({ email: `${s.id}@uni.es`, nota: String(report.score), maximo: "13", aprobado: report.passed ? "1" : "0", estado: "calificado" });
      for (const check of report.checks) expect(row[check.id]).toBe(check.status === "passed" || check.status === "failed" ? String(check.points) : "");
    }

    // The summary names those who could not be graded.
    expect(first.stdout).toContain(`lab-ec2: ${CLASS.length} alumnos`);
    expect(first.stdout).toContain(`${byKind("perfect").length + byKind("in-eu").length + byKind("t3-large").length} aprobados`);
    expect(first.stdout).toContain("Comprobaciones más falladas:");
    for (const id of notGradedIds) expect(first.stdout).toContain(`    ${id}: `);
    // Plain progress lines, since stderr is not a terminal here.
    expect(first.stderr).toContain(`calificar: ${CLASS.length}/${CLASS.length} alumnos`);
    expect(readdirSync(out).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 180_000);

  it("gives a student the same grade as their own run of calificar lab-ec2", async () => {
    const student = byKind("ssh-open")[0]!;
    const keys = await keysOf(student.account);
    const own = await runCli(["lab-ec2", "--format", "json", "--probe-host", `127.0.0.1:${app.port}`, "--probe-timeout", "2"], {
      ...awsEnv(moto.url),
      AWS_ACCESS_KEY_ID: keys.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
      AWS_SESSION_TOKEN: keys.sessionToken,
    });
    const mine = JSON.parse(own.stdout);
    const theirs = readJson(join(out, `${student.id}.json`));
    const essentials = (r: { score: number; passed: boolean; resource: unknown; checks: object[] }) => ({ score: r.score, passed: r.passed, resource: r.resource, checks: r.checks });
    expect(essentials(theirs)).toEqual(essentials(mine));
  }, 60_000);

  it("--resume grades only the students left, and keeps every finished report as it was", async () => {
    const before = Object.fromEntries(CLASS.filter((s) => !(s.kind in NOT_GRADED)).map((s) => [s.id, readFileSync(join(out, `${s.id}.json`), "utf8")]));
    injectFaults([]); // the students fixed their roles; AssumeRole is only recorded now
    const run = await clase(["--roster", roster, "--out", out, "--resume"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`se conservan ${CLASS.length - notGradedIds.length} alumnos ya calificados`);
    expect(assumed.map((arn) => CLASS.find((s) => arn.includes(s.account))!.id).sort()).toEqual(notGradedIds);
    for (const [id, text] of Object.entries(before)) expect(readFileSync(join(out, `${id}.json`), "utf8")).toBe(text);
    const rows = gradebook(join(out, "notas.csv"));
    expect(rows).toHaveLength(CLASS.length);
    expect(rows.every((r) => r["estado"] === "calificado")).toBe(true);
    expect(readJson(join(out, `${byKind("denied")[0]!.id}.json`))).toMatchObject({ passed: true, score: 13 });
  }, 180_000);

  it("regrades the saved snapshots with no AWS at all (--snapshot-dir), to the same grades", async () => {
    const again = outDir("regrade");
    const dead = `http://127.0.0.1:${await freePort()}`;
    const run = await runCli(["clase", "lab-ec2", "--roster", roster, "--snapshot-dir", out, "--out", again], { ...awsEnv(dead) }, 120_000);
    expect(run.code, run.stderr).toBe(0);
    for (const s of CLASS) {
      const { generatedAt: _a, ...regraded } = readJson(join(again, `${s.id}.json`));
      const { generatedAt: _b, ...original } = readJson(join(out, `${s.id}.json`));
      expect(regraded, s.id).toEqual(original);
    }
    expect(readFileSync(join(again, "notas.csv"), "utf8")).toBe(readFileSync(join(out, "notas.csv"), "utf8"));
  }, 120_000);

  it("splits the class in shards whose union is the roster, and tablero and notas merge them", async () => {
    injectFaults(["denied"]);
    const shards = [1, 2, 3].map((i) => outDir(`parte-${i}`));
    const runs = [];
    for (const [i, dir] of shards.entries()) runs.push(await clase(["--roster", roster, "--out", dir, "--shard", `${i + 1}/3`]));
    expect(runs.map((r) => r.code)).toEqual(runs.map((_, i) => (readdirSync(shards[i]!).some((f) => byKind("denied").some((s) => f === `${s.id}.json`)) ? 1 : 0)));
    const ids = shards.map((dir) => readdirSync(dir).filter((f) => f.endsWith(".json") && !f.endsWith(".snapshot.json")).map((f) => f.slice(0, -5)));
    const all = ids.flat();
    expect(new Set(all).size).toBe(all.length); // no student in two shards
    expect(all.sort()).toEqual(CLASS.map((s) => s.id).sort());
    expect(ids.every((part) => part.length > 0)).toBe(true);

    const notas = join(tmp, "notas-juntas.csv");
    const merged = await runCli(["notas", ...shards, "--output", notas]);
    expect(merged.code, merged.stderr).toBe(0);
    const rows = gradebook(notas);
    expect(rows.map((r) => r["alumno"])).toEqual(CLASS.map((s) => s.id).sort());
    for (const s of byKind("denied")) expect(rows.find((r) => r["alumno"] === s.id)!["estado"]).toMatch(/^no-calificado: .*InstructorAccountId=123456789012/);

    const page = join(tmp, "tablero.html");
    const dashboard = await runCli(["tablero", ...shards, "--output", page]);
    expect(dashboard.code, dashboard.stderr).toBe(0);
    const html = readFileSync(page, "utf8");
    expect(html).toContain("lab-ec2");
    for (const s of byKind("denied")) expect(html).toContain(s.id);
  }, 180_000);

  it("exits 3, grading nobody, when the instructor's own credentials fail", async () => {
    fake.fail("sts:GetCallerIdentity", { code: "InvalidClientTokenId", status: 403, message: "The security token included in the request is invalid." });
    const dir = outDir("sin-credenciales");
    const run = await clase(["--roster", roster, "--out", dir]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("No hay credenciales de AWS válidas (InvalidClientTokenId)");
    expect(existsSync(dir)).toBe(false);
    expect(fake.calls.filter((c) => c === "sts:AssumeRole")).toEqual([]);
  });

  it("stops on Ctrl-C leaving every finished report whole, and --resume finishes the class", async () => {
    const dir = outDir("interrumpida");
    fake.latencyMs = 150;
    const child = spawn(process.execPath, [CLI, "clase", "lab-ec2", "--roster", roster, "--out", dir, "--external-id", EXTERNAL_ID, "--concurrency", "2", "--no-probe"], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"] ?? "", HOME: tmp, AWS_CONFIG_FILE: join(tmp, "none"), AWS_SHARED_CREDENTIALS_FILE: join(tmp, "none"), ...awsEnv(fake.url) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const reports = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json") && !f.endsWith(".snapshot.json")) : []);
    while (reports().length < 2) await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGINT");
    const code = await exited;
    fake.latencyMs = 0;
    expect(code, stderr).toBe(130);
    expect(stderr).toContain("--resume");
    const done = reports();
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(done.length).toBeLessThan(CLASS.length);
    for (const file of done) expect(validateReport(readJson(join(dir, file)))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const rows = gradebook(join(dir, "notas.csv"));
    expect(rows).toHaveLength(CLASS.length);
    expect(rows.filter((r) => r["estado"]!.includes("interrumpió")).length).toBe(CLASS.length - done.length);
    expect(stdout).toContain(`lab-ec2: ${CLASS.length} alumnos`);

    const resumed = await clase(["--roster", roster, "--out", dir, "--resume", "--no-probe"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`se conservan ${done.length} alumnos`);
    expect(gradebook(join(dir, "notas.csv")).every((r) => r["estado"] === "calificado")).toBe(true);
  }, 180_000);
});

describe("calificar clase --organizacion on moto's Organizations", () => {
  it("grades the member accounts, named by their tag, and leaves the management account out", async () => {
    const org = new OrganizationsClient({ region: "us-east-1", endpoint: moto.url, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
    try {
      await org.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
      const members: Record<string, string> = {};
      for (const [name, tag] of [["Ana García", "ana.garcia"], ["Luis Pérez", "luis.perez"], ["Eva Ruiz", "eva.ruiz"]] as const) {
        const created = await org.send(new CreateAccountCommand({ AccountName: name, Email: `${tag}@uni.es`, Tags: [{ Key: "alumno", Value: tag }] }));
        members[tag] = created.CreateAccountStatus!.AccountId!;
      }
      await seedServer(moto.url, { credentials: await keysOf(members["ana.garcia"]!), elasticIp: true });
      await seedServer(moto.url, { credentials: await keysOf(members["luis.perez"]!), elasticIp: true, instanceType: "t3.large" });
      await seedServer(moto.url, { credentials: await keysOf(members["eva.ruiz"]!), elasticIp: true, stopped: true });

      const dir = outDir("organizacion");
      const run = await clase(["--organization", "--tag-alumno", "alumno", "--out", dir]);
      expect(run.code, run.stderr).toBe(0);
      const files = readdirSync(dir).filter((f) => f.endsWith(".json") && !f.endsWith(".snapshot.json")).sort();
      expect(files).toEqual(["ana.garcia.json", "eva.ruiz.json", "luis.perez.json"]);
      expect(readJson(join(dir, "ana.garcia.json"))).toMatchObject({ passed: true, student: { id: "ana.garcia", name: "Ana García", email: "ana.garcia@uni.es", accountId: members["ana.garcia"] } });
      expect(readJson(join(dir, "luis.perez.json"))).toMatchObject({ passed: true, score: 12, account: { id: members["luis.perez"] } });
      expect(readJson(join(dir, "eva.ruiz.json"))).toMatchObject({ passed: false, account: { id: members["eva.ruiz"] } });
      expect(gradebook(join(dir, "notas.csv")).map((r) => r["alumno"])).toEqual(["ana.garcia", "eva.ruiz", "luis.perez"]);
    } finally {
      org.destroy();
    }
  }, 120_000);
});
