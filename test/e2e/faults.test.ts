import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLI, ROOT, runCli, type CliRun } from "../support/cli.js";
import { startFakeAws, type FakeAws } from "../support/fake-aws.js";
import { startFlaskStandIn } from "../support/flask-app.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { freePort } from "../support/ports.js";
import { readReport, validateReport } from "../support/report-schema.js";
import { seedServer } from "../support/seed-ec2.js";

// Every way grading can go wrong, through the built CLI: bad input (exit 2), no way to reach AWS
// (exit 3), and partial failures that must become `error` outcomes in a report, never a crash.
// moto plays AWS; the loopback fake sits in front of it for what moto cannot do (denials,
// throttling, expired tokens, malformed bodies). No run may print a stack trace.

let moto: Moto;
let fake: FakeAws;
let app: Awaited<ReturnType<typeof startFlaskStandIn>>;
let hanging: Awaited<ReturnType<typeof startFlaskStandIn>>;
const tmp = mkdtempSync(join(tmpdir(), "calificar-faults-"));

beforeAll(async () => {
  [moto, app, hanging] = await Promise.all([startMoto(), startFlaskStandIn(), startFlaskStandIn("hang")]);
  fake = await startFakeAws(moto.url);
});
afterAll(async () => {
  await Promise.all([moto?.stop(), app?.close(), hanging?.close(), fake?.close()]);
});
beforeEach(async () => {
  await moto.reset();
  fake.reset();
});

const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const EXAMPLE = "examples/lab-ec2.snapshot.json";
const DENIED = { code: "UnauthorizedOperation", message: "You are not authorized to perform this operation.", status: 403 };
const THROTTLED = { code: "RequestLimitExceeded", message: "Request limit exceeded.", status: 503 };

/** Runs the CLI and checks what must hold for every run: no stack trace, whatever happened. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const run = await runCli(args, env);
  expect(run.stderr, run.stderr).not.toMatch(/^\s{4}at /m);
  expect(run.stdout).not.toMatch(/^\s{4}at /m);
  return run;
}

/** Grades lab-ec2 through the fake (in front of moto), probing the Flask stand-in on loopback. */
async function grade(extra: string[] = [], flask = app) {
  const run = await cli(["lab-ec2", "--format", "json", "--probe-host", `127.0.0.1:${flask.port}`, "--probe-timeout", "1", ...extra], awsEnv(fake.url));
  return readReport(run);
}

const ALL_CHECKS = ["instance-running", "instance-type", "key-pair", "root-volume", "public-ip", "elastic-ip", "ssh-restricted", "port-5000-open", "flask-app"];
// Graded without --repo: lab-ec2's repository check is skipped, whatever happens to the account's.
const REPO_SKIPPED = { "no-pem-committed": "skipped" };
const except = (ids: string[], status: string) => ({ ...Object.fromEntries(ALL_CHECKS.filter((id) => !ids.includes(id)).map((id) => [id, status])), ...REPO_SKIPPED });

describe("bad input exits 2 with a sentence, not a stack", () => {
  it("an unknown lab names the labs there are", async () => {
    const run = await cli(["lab-nada"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Laboratorio desconocido «lab-nada»");
    expect(run.stderr).toContain("lab-ec2");
    expect(run.stdout).toBe("");
  });

  it("speaks English with --lang en", async () => {
    const run = await cli(["lab-nada", "--lang", "en"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown lab «lab-nada»");
  });

  it("a lab file that is not JSON, in the instructor's --labs folder", async () => {
    const dir = mkdtempSync(join(tmp, "labs-"));
    writeFileSync(join(dir, "lab-roto.json"), '{ "id": "lab-roto", "title": ');
    const run = await cli(["lab-roto", "--labs", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/El laboratorio .*lab-roto\.json no es JSON válido/);
  });

  it("a lab that breaks the lab format says which part", async () => {
    const dir = mkdtempSync(join(tmp, "labs-"));
    writeFileSync(join(dir, "lab-mal.json"), JSON.stringify({ id: "lab-mal", title: "sin idiomas", collectors: ["ec2"], passMark: 150, checks: [] }));
    const run = await cli(["lab-mal", "--labs", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/El laboratorio .*lab-mal\.json no sigue el formato de laboratorio/);
    expect(run.stderr.split("\n").length).toBeGreaterThan(2); // the schema's complaints follow
  });

  it("a snapshot that is not JSON", async () => {
    const file = join(tmp, "roto.snapshot.json");
    writeFileSync(file, "no soy JSON");
    const run = await cli(["lab-ec2", "--snapshot", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`La instantánea ${file} no es JSON válido`);
  });

  it("a snapshot of another format version", async () => {
    const snapshot = JSON.parse(readFileSync(join(ROOT, EXAMPLE), "utf8"));
    const file = join(tmp, "v99.snapshot.json");
    writeFileSync(file, JSON.stringify({ ...snapshot, schemaVersion: 99 }));
    const run = await cli(["lab-ec2", "--snapshot", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no sigue el formato de instantánea (versión 2)");
  });

  it("a snapshot file that does not exist", async () => {
    const run = await cli(["lab-ec2", "--snapshot", join(tmp, "no-existe.json")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("No se puede leer la instantánea");
  });

  it.each([
    [["lab-ec2", "--regoin", "eu-west-1"], "Opción desconocida: --regoin"],
    [["lab-ec2", "--region"], "Falta el valor de --region"],
    [["lab-ec2", "--region="], "Falta el valor de --region"],
    [["lab-ec2", "--region", "--format", "json"], "Falta el valor de --region"],
    [["lab-ec2", "--format", "pdf"], "Formato desconocido: pdf"],
    [["lab-ec2", "--probe-timeout", "0"], "--probe-timeout debe ser un número"],
    [["lab-ec2", "--probe-host", "no vale"], "--probe-host no válido"],
  ])("%j → %s", async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe("no way to reach AWS exits 3 and says what to do", () => {
  it("no credentials at all: points at aws configure and sends nothing", async () => {
    const run = await cli(["lab-ec2"], { AWS_ENDPOINT_URL: fake.url, AWS_REGION: "us-east-1" });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("No hay credenciales de AWS válidas");
    expect(run.stderr).toContain("aws configure");
    expect(fake.calls).toEqual([]);
  });

  it("a profile that does not exist is named, with how to check it", async () => {
    const run = await cli(["lab-ec2", "--profile", "nada"], { AWS_ENDPOINT_URL: fake.url, AWS_REGION: "us-east-1" });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("para el perfil «nada»");
    expect(run.stderr).toContain("aws configure list-profiles");
    expect(fake.calls).toEqual([]);
  });

  it("an expired session token (ExpiredToken from STS)", async () => {
    await seedServer(moto.url);
    fake.fail("sts:GetCallerIdentity", { code: "ExpiredToken", message: "The security token included in the request is expired", status: 403 });
    const run = await cli(["lab-ec2"], awsEnv(fake.url));
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("caducaron");
    expect(run.stderr).toContain("ExpiredToken");
  });

  it("an endpoint that refuses connections names the endpoint, and gives up", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const run = await cli(["lab-ec2"], awsEnv(closed));
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`No se pudo conectar con AWS en ${closed}`);
    expect(run.stderr).toContain("ECONNREFUSED");
    expect(run.stdout).toBe("");
  });

  it("a denied ec2:DescribeInstances leaves nothing to grade: exit 3, every check an error naming it", async () => {
    await seedServer(moto.url);
    fake.fail("ec2:DescribeInstances", DENIED);
    const { code, report } = await grade();
    expect(code).toBe(3);
    expect(report.checks.map((c: any) => c.status)).toEqual([...ALL_CHECKS.map(() => "error"), ...Object.values(REPO_SKIPPED)]);
    for (const c of report.checks.filter((c: any) => !(c.id in REPO_SKIPPED))) expect(c.message).toContain("ec2:DescribeInstances");
  });
});

describe("partial failures are error outcomes in a graded report", () => {
  it("a denied ec2:DescribeSecurityGroups: the two rule checks are errors naming it, the rest is graded", async () => {
    await seedServer(moto.url, { elasticIp: true });
    fake.fail("ec2:DescribeSecurityGroups", DENIED);
    const { code, report, status, check } = await grade();
    expect(status).toEqual({ ...except(["ssh-restricted", "port-5000-open"], "passed"), "ssh-restricted": "error", "port-5000-open": "error" });
    for (const id of ["ssh-restricted", "port-5000-open"]) {
      expect(check(id).message).toContain("ec2:DescribeSecurityGroups");
      expect(check(id).message).toContain("falta el permiso");
      expect(check(id).points).toBe(0);
    }
    expect(report.errors).toEqual([expect.objectContaining({ action: "ec2:DescribeSecurityGroups", kind: "denied", code: "UnauthorizedOperation" })]);
    // ssh-restricted is required: an error is not a pass.
    expect(code).toBe(1);
    // Every client honoured AWS_ENDPOINT_URL, STS included.
    expect(fake.calls).toEqual(expect.arrayContaining(["sts:GetCallerIdentity", "ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeAddresses"]));
  });

  it("throttling twice, then an answer: the SDK's retries make it a normal grading", async () => {
    await seedServer(moto.url, { elasticIp: true });
    fake.fail("ec2:DescribeInstances", THROTTLED, 2);
    const { code, report, status } = await grade();
    expect(status).toEqual(except([], "passed"));
    expect(report.errors).toEqual([]);
    expect(code).toBe(0);
    expect(fake.calls.filter((c) => c === "ec2:DescribeInstances")).toHaveLength(3);
  });

  it("throttling that never stops: an error outcome that says AWS limited the calls", async () => {
    await seedServer(moto.url, { elasticIp: true });
    fake.fail("ec2:DescribeVolumes", THROTTLED);
    const { code, status, check, report } = await grade();
    expect(status).toEqual({ ...except(["root-volume"], "passed"), "root-volume": "error" });
    expect(check("root-volume").message).toContain("limitó");
    expect(check("root-volume").message).toContain("ec2:DescribeVolumes");
    expect(report.errors).toEqual([expect.objectContaining({ action: "ec2:DescribeVolumes", kind: "throttled" })]);
    // The retries were bounded, and the rest of the lab still passes.
    expect(fake.calls.filter((c) => c === "ec2:DescribeVolumes")).toHaveLength(3);
    expect(code).toBe(0);
  });

  it("a body that is not XML: an error outcome for the check that needed it, no crash", async () => {
    await seedServer(moto.url, { elasticIp: true });
    fake.on("ec2:DescribeVolumes", { status: 200, headers: { "content-type": "text/xml" }, body: "this is not { xml" });
    const { status, check, report } = await grade();
    expect(status).toEqual({ ...except(["root-volume"], "passed"), "root-volume": "error" });
    expect(check("root-volume").message).toContain("ec2:DescribeVolumes");
    expect(report.errors).toEqual([expect.objectContaining({ action: "ec2:DescribeVolumes", kind: "api", code: "MalformedResponse" })]);
  });

  it("an app that never answers: flask-app is an error with --probe-timeout 1, and the run completes", async () => {
    await seedServer(moto.url, { elasticIp: true });
    const { code, status, check, report } = await grade([], hanging);
    expect(status).toEqual({ ...except(["flask-app"], "passed"), "flask-app": "error" });
    expect(check("flask-app").message).toContain("no respondió a tiempo");
    // The message names the instance's real address; the stand-in's loopback port stays out of it.
    expect(check("flask-app").message).toMatch(/http:\/\/[\d.]+:5000\//);
    expect(check("flask-app").message).not.toContain(`:${hanging.port}`);
    expect(report.errors).toEqual([]);
    expect(hanging.hits).toEqual(expect.arrayContaining(["/", "/members", "/hello/calificar/"]));
    expect(code).toBe(1);
  });
});

describe("offline grading and output", () => {
  it("grades a snapshot with no AWS variables at all", async () => {
    const run = await cli(["lab-ec2", "--snapshot", EXAMPLE, "--format", "json"]);
    const report = JSON.parse(run.stdout);
    expect(validateReport(report)).toBe(true);
    expect(report.account.id).toBe("123456789012");
    expect(report.checks).toHaveLength(ALL_CHECKS.length + 1);
    expect(run.code).toBe(report.passed ? 0 : 1);
  });

  it("--save-snapshot then --snapshot gives the same report, apart from its date", async () => {
    // t3.large: moto answers like a Free Plan account, where t3.small is free-tier eligible.
    await seedServer(moto.url, { elasticIp: true, instanceType: "t3.large" });
    const file = join(mkdtempSync(join(tmp, "snap-")), "cuenta.snapshot.json");
    const live = await grade(["--save-snapshot", file]);
    const offline = await cli(["lab-ec2", "--snapshot", file, "--format", "json"]);
    const again = JSON.parse(offline.stdout);
    expect(offline.code).toBe(live.code);
    expect({ ...again, generatedAt: null }).toEqual({ ...live.report, generatedAt: null });
    expect(again.checks.find((c: any) => c.id === "instance-type")).toMatchObject({ status: "failed", found: expect.stringContaining("tipo actual: t3.large") });
  });

  it("--lang en writes the report in English", async () => {
    const es = JSON.parse((await cli(["lab-ec2", "--snapshot", EXAMPLE, "--format", "json"])).stdout);
    const en = JSON.parse((await cli(["lab-ec2", "--snapshot", EXAMPLE, "--format", "json", "--lang", "en"])).stdout);
    expect(es.lab.title).toBe("Un servidor en EC2 con la app Flask");
    expect(en.lab.title).toBe("A server on EC2 running the Flask app");
    const ssh = en.checks.find((c: any) => c.id === "ssh-restricted");
    expect(ssh.message).toContain("expected");
    expect(ssh.message).not.toContain("se esperaba");
    const text = await cli(["lab-ec2", "--snapshot", EXAMPLE, "--lang", "en"]);
    expect(text.stdout).toContain("Lab lab-ec2");
    expect(text.stdout).not.toContain("Laboratorio");
  });

  it("--output FILE writes the JSON report and shows the summary", async () => {
    const file = join(mkdtempSync(join(tmp, "out-")), "informes", "informe.json");
    const run = await cli(["lab-ec2", "--snapshot", EXAMPLE, "--format", "json", "--output", file]);
    const report = JSON.parse(readFileSync(file, "utf8"));
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.lab.id).toBe("lab-ec2");
    // The terminal gets the summary, not the whole report again.
    expect(run.stdout).toBe(`lab-ec2: ${report.score}/${report.maxScore} (77%) · NO APROBADO · informe completo en ${file}\n`);
    expect(run.code).toBe(report.passed ? 0 : 1);
  });

  it("an unwritable --output is bad input", async () => {
    const blocker = join(tmp, "soy-un-archivo");
    writeFileSync(blocker, "x");
    const run = await cli(["lab-ec2", "--snapshot", EXAMPLE, "--output", join(blocker, "informe.json")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("No se puede escribir");
  });

  it("prints no ANSI escapes when stdout is not a terminal, nor with NO_COLOR", async () => {
    const envs: Record<string, string>[] = [{}, { NO_COLOR: "1" }];
    for (const env of envs) {
      const run = await cli(["lab-ec2", "--snapshot", EXAMPLE], env);
      expect(run.stdout).toContain("ssh-restricted");
      expect(run.stdout).not.toContain("\x1b[");
      expect(run.stderr).not.toContain("\x1b[");
    }
  });

  it("on a terminal, colours unless NO_COLOR is set", () => {
    // `script` gives the CLI a pseudo-terminal, so the TTY branch is exercised for real.
    const onTty = (env: Record<string, string>) => {
      const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} lab-ec2 --snapshot ${EXAMPLE}`;
      const run = spawnSync("script", ["-qec", command, "/dev/null"], {
        cwd: ROOT,
        encoding: "utf8",
        env: { PATH: process.env["PATH"] ?? "", HOME: tmp, TERM: "xterm", ...env },
        timeout: 30_000,
      });
      expect(run.stdout).toContain("ssh-restricted");
      return run.stdout;
    };
    expect(onTty({})).toContain("\x1b[");
    expect(onTty({ NO_COLOR: "1" })).not.toContain("\x1b[");
  });

  it("--version prints the package's version and exits 0", async () => {
    const run = await cli(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(VERSION);
  });

  it("--help explains usage, options and exit codes, and exits 0", async () => {
    const es = await cli(["--help"]);
    expect(es.code).toBe(0);
    expect(es.stdout).toContain("Uso: calificar <laboratorio>");
    expect(es.stdout).toContain("--snapshot");
    expect(es.stdout).toContain("Códigos de salida");
    const en = await cli(["--help", "--lang", "en"]);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain("Usage: calificar <lab>");
  });
});
