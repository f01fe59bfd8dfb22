/**
 * `npm run bench:class`: `calificar clase` for a class of 500 accounts behind the latency endpoint
 * (50 ms added to every AWS call), as the built CLI runs it. Not a test: figures go to BENCHMARKS.md.
 *
 *   npm run bench:class [-- STUDENTS [CONCURRENCY,CONCURRENCY…]]
 *
 * moto answers too slowly (tens of milliseconds of Python per call) to stand in for 500 accounts
 * without becoming the thing measured, so the upstream here replays moto's own answers: one
 * account is built in moto (a student who did everything right), its answers are recorded once
 * per action by a warm-up run of that student, and every student's calls are then answered from
 * that record. What is measured is calificar: its concurrency, its per-student work and its
 * memory. Everything is on loopback.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { CLI, ROOT } from "../test/support/cli.js";
import { startFakeAws, type Answer, type FakeRequest } from "../test/support/fake-aws.js";
import { startFlaskStandIn } from "../test/support/flask-app.js";
import { awsEnv, startMoto } from "../test/support/moto.js";
import { seedServer } from "../test/support/seed-ec2.js";

// The SDK warns in this process on Node 20 about its 2027 releases; ours are pinned.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const STUDENTS = Number(process.argv[2] ?? 500);
const CONCURRENCIES = (process.argv[3] ?? "4,8,16,32,64").split(",").map(Number);
const LATENCY_MS = 50;
const SEEDED = "400000000000";

/** Forwards a request to moto as it came, and keeps the answer. */
function ask(upstream: string, req: FakeRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(req.path + (req.query.size ? `?${req.query}` : ""), upstream);
    const forwarded = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string" && !["content-length", "transfer-encoding", "date", "connection"].includes(k)) headers[k] = v;
        resolve({ status: res.statusCode ?? 200, headers, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    forwarded.on("error", reject);
    forwarded.end(req.body);
  });
}

interface Measure {
  wallSeconds: number;
  maxRssMiB: number;
  code: number | null;
}

/** Runs the CLI under /usr/bin/time (wall time and peak resident memory), or polls /proc without it. */
function measure(args: string[], env: NodeJS.ProcessEnv): Promise<Measure> {
  const timeBin = "/usr/bin/time";
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const withTime = existsSync(timeBin);
    const child = withTime
      ? spawn(timeBin, ["-f", "MAXRSS_KB=%M", process.execPath, CLI, ...args], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] })
      : spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let polled = 0;
    const poll = withTime
      ? undefined
      : setInterval(() => {
          const status = existsSync(`/proc/${child.pid}/status`) ? readFileSync(`/proc/${child.pid}/status`, "utf8") : "";
          polled = Math.max(polled, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
        }, 50);
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (poll) clearInterval(poll);
      const kb = withTime ? Number(/MAXRSS_KB=(\d+)/.exec(stderr)?.[1] ?? 0) : polled;
      resolve({ wallSeconds: (performance.now() - started) / 1000, maxRssMiB: kb / 1024, code });
    });
  });
}

const [moto, app] = await Promise.all([startMoto(), startFlaskStandIn()]);
const replay = await startFakeAws();
const latency = await startFakeAws(replay.url);
const work = mkdtempSync(join(tmpdir(), "calificar-bench-class-"));
try {
  // One student who did everything right, in an account of their own.
  const sts = new STSClient({ region: "us-east-1", endpoint: moto.url, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${SEEDED}:role/seed`, RoleSessionName: "seed" }));
  sts.destroy();
  await seedServer(moto.url, { credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! }, elasticIp: true });

  const recorded = new Map<string, Promise<Answer>>();
  replay.on("*", (req) => {
    const key = `${req.service}:${req.action}`;
    let answer = recorded.get(key);
    if (!answer) {
      answer = ask(moto.url, req);
      recorded.set(key, answer);
    }
    return answer;
  });

  const env = { PATH: process.env["PATH"] ?? "", HOME: work, AWS_CONFIG_FILE: join(work, "none"), AWS_SHARED_CREDENTIALS_FILE: join(work, "none"), ...awsEnv(latency.url) };
  const common = ["--external-id", "curso-2026", "--probe-host", `127.0.0.1:${app.port}`, "--probe-timeout", "2"];

  // Warm-up: the seeded student alone records moto's answers for the whole path.
  const warmRoster = join(work, "uno.csv");
  writeFileSync(warmRoster, `alumno,cuenta\nsemilla,${SEEDED}\n`);
  // Asynchronous on purpose: the endpoints live in this process and must keep answering.
  const warm = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [CLI, "clase", "lab-ec2", "--roster", warmRoster, "--out", join(work, "warm"), ...common], { cwd: ROOT, env }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    ),
  );
  const warmFile = join(work, "warm", "semilla.json");
  const warmReport = existsSync(warmFile) ? (JSON.parse(readFileSync(warmFile, "utf8")) as { passed?: boolean }) : {};
  if (warm.status !== 0 || !warmReport.passed) throw new Error(`warm-up did not grade the seeded student (exit ${warm.status}): ${warm.stdout}\n${warm.stderr}`);

  const roster = join(work, "alumnos.csv");
  const rows = Array.from({ length: STUDENTS }, (_, i) => `alumno-${String(i + 1).padStart(4, "0")},${String(400000000001 + i)}`);
  writeFileSync(roster, `alumno,cuenta\n${rows.join("\n")}\n`);

  console.log(`calificar clase lab-ec2: ${STUDENTS} students, +${LATENCY_MS} ms on every AWS call, ${CONCURRENCIES.join("/")} at a time`);
  console.log(`${"concurrency".padEnd(12)} ${"wall".padStart(8)} ${"peak RSS".padStart(10)} ${"calls/student".padStart(14)} ${"serial estimate / wall".padStart(24)}`);
  latency.latencyMs = LATENCY_MS;
  for (const concurrency of CONCURRENCIES) {
    const out = join(work, `informes-${concurrency}`);
    latency.calls.length = 0;
    const run = await measure(["clase", "lab-ec2", "--roster", roster, "--out", out, "--concurrency", String(concurrency), ...common], env);
    if (run.code !== 0) throw new Error(`the class run exited ${run.code}`);
    const callsPerStudent = latency.calls.length / STUDENTS;
    const serial = (STUDENTS * callsPerStudent * LATENCY_MS) / 1000;
    const graded = readFileSync(join(out, "notas.csv"), "utf8").split("\r\n").filter((l) => l.includes(",calificado,")).length;
    if (graded !== STUDENTS) throw new Error(`only ${graded} of ${STUDENTS} graded`);
    console.log(
      `${String(concurrency).padEnd(12)} ${`${run.wallSeconds.toFixed(1)} s`.padStart(8)} ${`${run.maxRssMiB.toFixed(0)} MiB`.padStart(10)} ${callsPerStudent.toFixed(2).padStart(14)} ${`${(serial / run.wallSeconds).toFixed(1)}× (${serial.toFixed(0)} s)`.padStart(24)}`,
    );
    rmSync(out, { recursive: true, force: true });
  }
} finally {
  await Promise.all([latency.close(), replay.close(), moto.stop(), app.close()]);
  rmSync(work, { recursive: true, force: true });
}
