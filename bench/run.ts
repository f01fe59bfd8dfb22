/**
 * `npm run bench`: figures as ratios measured in one run (these machines are noisy).
 * Everything talks to loopback only: moto, a latency-adding proxy in front of it, and a
 * stand-in for the course's Flask app.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { collect } from "../src/collect/collect.js";
import { evaluate } from "../src/core/evaluate.js";
import { labDirs, loadLab } from "../src/app/labs.js";
import { loadCollector } from "../checks/index.js";
import type { Snapshot } from "../src/core/snapshot.js";
import { DEFAULT_PROBE } from "../src/collect/probes.js";
import { CLI, ROOT } from "../test/support/cli.js";
import { startFakeAws } from "../test/support/fake-aws.js";
import { startFlaskStandIn } from "../test/support/flask-app.js";
import { awsEnv, startMoto } from "../test/support/moto.js";
import { seedServer } from "../test/support/seed-ec2.js";

const RUNS = 3;
const LATENCY_MS = 100;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(fn: () => Promise<unknown> | unknown, runs = RUNS): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const rows: [string, string][] = [];
const row = (what: string, figure: string) => {
  rows.push([what, figure]);
  console.log(`${what.padEnd(72)} ${figure}`);
};

const [moto, app] = await Promise.all([startMoto(), startFlaskStandIn()]);
const fake = await startFakeAws(moto.url);
Object.assign(process.env, awsEnv(fake.url));
try {
  const lab = await loadLab("lab-ec2", labDirs());
  const request = (region: string) => ({
    lab,
    region,
    aws: {},
    options: {},
    probe: { ...DEFAULT_PROBE, timeoutMs: 2000, override: { host: "127.0.0.1", port: app.port } },
    searchOtherRegions: true,
    loadCollector,
    env: process.env,
    now: () => new Date(),
  });

  // 1. Overlap: how many round trips of latency the collection costs, against how many calls it makes.
  await seedServer(moto.url, { elasticIp: true });
  fake.latencyMs = 0;
  await collect(request("us-east-1")); // warm-up: moto builds each region's backend on first use
  const bare = await time(() => collect(request("us-east-1")));
  fake.latencyMs = LATENCY_MS;
  fake.calls.length = 0;
  const slow = await time(() => collect(request("us-east-1")));
  const calls = fake.calls.length / RUNS;
  const roundTrips = (slow - bare) / LATENCY_MS;
  row(`lab-ec2, ${calls} AWS calls at +${LATENCY_MS} ms each: round trips on the critical path`, roundTrips.toFixed(2));
  row("  serial time (calls × latency) / measured added time", `${((calls * LATENCY_MS) / (slow - bare)).toFixed(2)}×`);

  // 2. Wrong region: the instance lives in eu-west-1; every enabled region is searched.
  await moto.reset();
  await seedServer(moto.url, { region: "eu-west-1" });
  fake.latencyMs = 0;
  await collect(request("us-east-1")); // warm-up: every region's backend
  const wrongBare = await time(() => collect(request("us-east-1")));
  fake.latencyMs = LATENCY_MS;
  fake.calls.length = 0;
  const wrong = await time(() => collect(request("us-east-1")));
  const wrongCalls = fake.calls.length / RUNS;
  row(`wrong region, ${wrongCalls} AWS calls at +${LATENCY_MS} ms: round trips on the critical path`, ((wrong - wrongBare) / LATENCY_MS).toFixed(2));
  row("  serial time / measured added time", `${((wrongCalls * LATENCY_MS) / (wrong - wrongBare)).toFixed(2)}×`);

  // 3. Evaluation is pure and cheap next to collection.
  const snapshot = JSON.parse(readFileSync(join(ROOT, "examples/lab-ec2.snapshot.json"), "utf8")) as Snapshot;
  const evaluations = 2000;
  const evalTime = await time(() => {
    for (let i = 0; i < evaluations; i++) evaluate(lab, snapshot, { lang: "es", now: new Date(0) });
  }, 3);
  row("evaluate(lab-ec2): collection time without latency / one evaluation", `${(bare / (evalTime / evaluations)).toFixed(0)}×`);

  // 4. Start-up: what a student waits for before any AWS call.
  // Asynchronous on purpose: the fake AWS and the app live in this process and must keep answering.
  const exec = promisify(execFile);
  const run = async (args: string[]) => {
    try {
      await exec(process.execPath, args, { cwd: ROOT, env: process.env });
    } catch {
      // exit 1 (graded, not passed) is expected: we time the run, not its verdict
    }
  };
  const node = await time(() => run(["-e", "0"]));
  const version = await time(() => run([CLI, "--version"]));
  const offline = await time(() => run([CLI, "lab-ec2", "--snapshot", "examples/lab-ec2.snapshot.json"]));
  row("calificar --version / bare `node -e 0`", `${(version / node).toFixed(2)}×`);
  row("calificar lab-ec2 --snapshot (offline grade) / bare `node -e 0`", `${(offline / node).toFixed(2)}×`);
  fake.latencyMs = 0;
  await moto.reset();
  await seedServer(moto.url, { elasticIp: true });
  const full = await time(() => run([CLI, "lab-ec2", "--probe-host", `127.0.0.1:${app.port}`]));
  row("calificar lab-ec2 against moto (full run) / bare `node -e 0`", `${(full / node).toFixed(2)}×`);
} finally {
  await Promise.all([fake.close(), moto.stop(), app.close()]);
}
