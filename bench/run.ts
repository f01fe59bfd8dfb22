/**
 * `npm run bench`: issue 13's speed figures, each next to its target, measured in one run and
 * written as ratios (these machines are shared and noisy: a ratio of two things measured side by
 * side holds when the machine's speed drifts; absolute times do not). Not a test: tests assert
 * behaviour, never timings. Figures go to BENCHMARKS.md.
 *
 *   npm run bench [-- --runs N] [-- --cli path/to/calificar.js]   (BENCH_RUNS, BENCH_CLI work too)
 *
 * Whole processes are timed from here: wall time always, and CPU time and peak memory from
 * /usr/bin/time when the machine has it. Commands compared are run in turn (A B A B …) and each
 * ratio is the median of the pairs' ratios.
 *
 * Everything is loopback: moto (the AWS emulator) builds each lab's account once; a replay in front
 * of it answers every later call with moto's first answer (moto spends tens of milliseconds of
 * Python per call: replayed, the figures are calificar's and the network's); a delaying proxy in
 * front adds LATENCY_MS to every AWS call, and another to every HTTP request to the student's app.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { CLI as BUILT_CLI, ROOT } from "../test/support/cli.js";
import { startCrudApp } from "../test/support/crud-app.js";
import { startFakeAws } from "../test/support/fake-aws.js";
import { startNodeApp } from "../test/support/beanstalk-fake.js";
import { startFlaskStandIn } from "../test/support/flask-app.js";
import { awsEnv, startMoto } from "../test/support/moto.js";
import { startDelayingProxy, startReplay } from "./endpoints.js";
import { LABS, type BenchLab } from "./labs.js";

// The SDK (used here to seed moto) warns on Node 20 about its 2027 releases; ours are pinned.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const LATENCY_MS = 50;
const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(flag("--runs") ?? process.env["BENCH_RUNS"] ?? 7);
const cliArg = flag("--cli") ?? process.env["BENCH_CLI"];
const CLI = cliArg ? (isAbsolute(cliArg) ? cliArg : join(ROOT, cliArg)) : BUILT_CLI;
const TIME = "/usr/bin/time";
const HAS_TIME = existsSync(TIME);

// ---------------------------------------------------------------------------------------------
// Timing whole processes

interface Sample {
  wall: number; // seconds
  cpu?: number; // user + system seconds
  rssMiB?: number; // peak resident memory
  code: number | null;
  stdout: string;
}

/** Runs a command to its end, timing it; asynchronous, so the endpoints in this process keep answering. */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = HAS_TIME
      ? spawn(TIME, ["-f", "\n__TIME__ %U %S %M", command, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] })
      : spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    child.on("error", reject);
    child.on("close", (code) => {
      const wall = (performance.now() - started) / 1000;
      const m = /__TIME__ ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      resolve({ wall, code, stdout, ...(m ? { cpu: Number(m[1]) + Number(m[2]), rssMiB: Number(m[3]) / 1024 } : {}) });
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

type Run = () => Promise<Sample>;

/** Runs each command in turn, RUNS times after one warm-up round; samples by command. */
async function interleave(runs: Record<string, Run>, count = RUNS): Promise<Record<string, Sample[]>> {
  const out: Record<string, Sample[]> = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  for (const run of Object.values(runs)) await run();
  for (let i = 0; i < count; i++) for (const [k, run] of Object.entries(runs)) out[k]!.push(await run());
  return out;
}

/** Median of per-round ratios of f(round). */
const pairwise = (rounds: number, f: (i: number) => number) => median(Array.from({ length: rounds }, (_, i) => f(i)));

// ---------------------------------------------------------------------------------------------
// The table

interface Row {
  what: string;
  figure: string;
  target: string;
  met?: boolean;
}
const rows: Row[] = [];
function row(what: string, value: number, digits: number, unit: string, target?: { op: "≤" | "<"; limit: number }) {
  const met = target ? (target.op === "≤" ? value <= target.limit : value < target.limit) : undefined;
  const r: Row = { what, figure: `${value.toFixed(digits)}${unit}`, target: target ? `${target.op} ${target.limit}${unit}` : "", ...(met === undefined ? {} : { met }) };
  rows.push(r);
  console.log(`${what.padEnd(78)} ${r.figure.padStart(10)}  ${r.target.padEnd(9)} ${met === undefined ? "" : met ? "met" : "MISSED"}`);
}
const note = (text: string) => console.log(`  ${text}`);
const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;

const node = (env?: NodeJS.ProcessEnv) => () => measure(process.execPath, ["-e", "0"], env);
const cli = (args: string[], env?: NodeJS.ProcessEnv) => () => measure(process.execPath, [CLI, ...args], env);

console.log(`calificar ${CLI.replace(ROOT, "")} on Node ${process.version}, ${RUNS} runs of each (medians), +${LATENCY_MS} ms per round trip${HAS_TIME ? "" : " (no /usr/bin/time: wall time only)"}\n`);

// ---------------------------------------------------------------------------------------------
// 1. Start-up: what a student waits for before anything happens.

{
  const snapshot = ["lab-ec2", "--snapshot", "examples/lab-ec2.snapshot.json"];
  const s = await interleave({ node: node(), version: cli(["--version"]), help: cli(["--help"]), snapshot: cli(snapshot) });
  const vs = (k: string) => pairwise(RUNS, (i) => s[k]![i]!.wall / s["node"]![i]!.wall);
  note(`node -e 0: ${ms(median(s["node"]!.map((x) => x.wall)))}`);
  row("calificar --version / node -e 0", vs("version"), 2, "×", { op: "≤", limit: 1.3 });
  row("calificar --help / node -e 0", vs("help"), 2, "×", { op: "≤", limit: 1.3 });
  row("calificar lab-ec2 --snapshot (offline regrade) / node -e 0", vs("snapshot"), 2, "×", { op: "≤", limit: 2 });
}

// 2. Regrading in bulk: 1,000 snapshots read and graded in one process, through the package's API.
{
  const script = [
    `import { loadLab, labDirs, parseSnapshot, evaluate } from ${JSON.stringify(join(CLI, "..", "index.js"))};`,
    'import { readFileSync } from "node:fs";',
    'const lab = await loadLab("lab-ec2", labDirs());',
    'const text = readFileSync("examples/lab-ec2.snapshot.json", "utf8");',
    "const start = performance.now();",
    "const cpu = process.cpuUsage();",
    'for (let i = 0; i < 1000; i++) evaluate(lab, await parseSnapshot(text, "example"), { lang: "es", now: new Date(0) });',
    "const used = process.cpuUsage(cpu);",
    "console.log(performance.now() - start, (used.user + used.system) / 1000);",
  ].join("\n");
  const api = existsSync(join(CLI, "..", "index.js"));
  if (api) {
    const s = await interleave({ bulk: () => measure(process.execPath, ["--input-type=module", "-e", script]) }, Math.min(RUNS, 5));
    const figures = s["bulk"]!.map((x) => x.stdout.trim().split(" ").map(Number) as [number, number]);
    row("1,000 snapshots parsed and graded in one process (s)", median(figures.map(([wall]) => wall / 1000)), 3, " s", { op: "<", limit: 1 });
    note(`of which CPU time: ${ms(median(figures.map(([, cpu]) => cpu / 1000)))}`);
  } else note("1,000 snapshots: this build has no dist/index.js next to its CLI; skipped");
}

// ---------------------------------------------------------------------------------------------
// 3. Every lab against a far-away AWS, and the plain serial grader of lab-ec2.

const moto = await startMoto();
const fake = await startFakeAws(moto.url); // answers what moto cannot (Invoke, Beanstalk's extras, root's summary)
const replay = await startReplay(fake.url);
const aws = await startDelayingProxy(replay.url);
// What the student's server answers: lab-ec2's Flask app, Beanstalk's Node app, an API's Lambda functions (hello, users CRUD).
const [flask, nodeApp, crudApp] = await Promise.all([startFlaskStandIn(), startNodeApp(), startCrudApp()]);
const apps = {
  flask: await startDelayingProxy(`http://127.0.0.1:${flask.port}`),
  node: await startDelayingProxy(`http://127.0.0.1:${nodeApp.port}`),
  crud: await startDelayingProxy(`http://127.0.0.1:${crudApp.port}`),
};
const home = mkdtempSync(join(tmpdir(), "calificar-bench-"));
const baseEnv = {
  PATH: process.env["PATH"] ?? "",
  HOME: home,
  AWS_CONFIG_FILE: join(home, "none"),
  AWS_SHARED_CREDENTIALS_FILE: join(home, "none"),
  ...awsEnv(aws.url),
};
const setLatency = (ms: number) => {
  aws.latencyMs = ms;
  for (const app of Object.values(apps)) app.latencyMs = ms;
};

/**
 * Round trips a run waited for, from when its requests arrived: a new wave starts past half a
 * latency of quiet. A heuristic: chains that run side by side, offset by CPU, fill each other's
 * gaps (fewer waves), and a side call that CPU pushes between two waves stands alone (one more);
 * the latency a run adds over the same run at +0 ms is the other witness (which CPU hidden in
 * one chain's wait for another can bring below the critical path).
 */
function waves(arrivals: number[]): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let count = sorted.length ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i]! - sorted[i - 1]! > LATENCY_MS / 2) count++;
  return count;
}

let ec2Slow: Sample[] = [];
try {
  for (const lab of LABS) await benchLab(lab);
  await serialGrader();
} finally {
  await Promise.all([aws.close(), replay.close(), fake.close(), moto.stop(), flask.close(), nodeApp.close(), crudApp.close(), ...Object.values(apps).map((a) => a.close())]);
  rmSync(home, { recursive: true, force: true });
}

async function benchLab(lab: BenchLab): Promise<void> {
  await moto.reset();
  fake.reset();
  replay.reset();
  const extra = await lab.seed(moto.url, fake);
  const env = { ...baseEnv, ...extra };
  const app = lab.app ? apps[lab.app] : undefined;
  // The stand-ins speak plain HTTP: the scheme overrides an https probe (an API's invoke URL) too.
  const args = [lab.id, "--format", "json", ...(app ? ["--probe-host", `http://127.0.0.1:${app.port}`] : [])];
  // Warm-up at no latency: moto builds its backends, the replay records every answer.
  setLatency(0);
  const warm = await cli(args, env)();
  if (!warm.stdout.trim()) throw new Error(`${lab.id}: calificar printed no report (exit ${warm.code})`);
  const report = JSON.parse(warm.stdout) as { passed: boolean; score: number; maxScore: number; checks: { id: string; status: string }[] };
  if (!report.passed) note(`${lab.id} did not pass: ${report.checks.filter((c) => c.status !== "passed").map((c) => `${c.id} ${c.status}`).join(", ")}`);
  // Calls per run, and the waves they came in, at the latency.
  setLatency(LATENCY_MS);
  aws.reset();
  app?.reset();
  await cli(args, env)();
  const calls = aws.arrivals.length + (app?.arrivals.length ?? 0);
  const seen = waves([...aws.arrivals, ...(app?.arrivals ?? [])]);
  // Bare Node, the lab at the latency, and at none, in turn.
  const slow: Sample[] = [];
  const fast: Sample[] = [];
  const bare: Sample[] = [];
  for (let i = -1; i < RUNS; i++) {
    const b = await node()();
    setLatency(LATENCY_MS);
    const s = await cli(args, env)();
    setLatency(0);
    const f = await cli(args, env)();
    if (i >= 0) bare.push(b), slow.push(s), fast.push(f);
  }
  if (lab.id === "lab-ec2") ec2Slow = slow;
  const floor = (i: number) => bare[i]!.wall + (lab.criticalPath * LATENCY_MS) / 1000;
  const serial = (calls * LATENCY_MS) / 1000;
  console.log(
    `\n${lab.id}: ${report.score}/${report.maxScore}${report.passed ? " passed" : " NOT PASSED"}, ${calls} calls (AWS and the app) in ${seen} waves; critical path ${lab.criticalPath} round trips: ${lab.why}`,
  );
  note(`node -e 0 ${ms(median(bare.map((x) => x.wall)))}, at +${LATENCY_MS} ms ${ms(median(slow.map((x) => x.wall)))}, at +0 ms ${ms(median(fast.map((x) => x.wall)))}`);
  const added = median(slow.map((x, i) => x.wall - fast[i]!.wall));
  note(`the latency added ${ms(added)}, ${(added / (LATENCY_MS / 1000)).toFixed(1)} round trips (median of the pairs)`);
  row(`${lab.id} at +${LATENCY_MS} ms / (node -e 0 + ${lab.criticalPath} round trips)`, pairwise(RUNS, (i) => slow[i]!.wall / floor(i)), 2, "×", { op: "≤", limit: 1.3 });
  row(`${lab.id}: time the latency added / serial sum of its ${calls} calls' latencies`, pairwise(RUNS, (i) => (slow[i]!.wall - fast[i]!.wall) / serial), 2, "×", { op: "≤", limit: 0.35 });
  note(`no grader can go below ${lab.criticalPath}/${calls} = ${(lab.criticalPath / calls).toFixed(2)}× here: the critical path's round trips over all the calls`);
  row(`${lab.id} at +${LATENCY_MS} ms / serial sum of its calls' latencies`, pairwise(RUNS, (i) => slow[i]!.wall / serial), 2, "×", { op: "≤", limit: 0.35 });
}

async function serialGrader(): Promise<void> {
  // The lab-ec2 account again, replayed: both graders see the same answers at the same latency.
  await moto.reset();
  fake.reset();
  replay.reset();
  await LABS.find((l) => l.id === "lab-ec2")!.seed(moto.url, fake);
  setLatency(0);
  const grader = join(ROOT, "bench", "serial_grader.py");
  const py = () => measure("python3", [grader, `127.0.0.1:${apps.flask.port}`], baseEnv);
  const first = await py();
  if (first.code !== 0) {
    note(`serial Python grader: could not run (${first.stdout.trim() || `exit ${first.code}`}); skipped`);
  } else {
    setLatency(LATENCY_MS);
    const args = ["lab-ec2", "--format", "json", "--probe-host", `127.0.0.1:${apps.flask.port}`];
    const s = await interleave({ calificar: cli(args, baseEnv), python: py });
    const library = (JSON.parse(first.stdout) as { library: string }).library;
    console.log(`\nlab-ec2 against the same replayed account at +${LATENCY_MS} ms: calificar and a plain serial grader (Python, ${library}: 6 calls, then 3 GETs)`);
    for (const [k, label] of [["wall", "wall"], ["cpu", "CPU"], ["rssMiB", "peak memory"]] as const) {
      const c = s["calificar"]!.map((x) => x[k]);
      const p = s["python"]!.map((x) => x[k]);
      if (c.some((v) => v === undefined)) continue;
      const fmt = (v: number) => (k === "rssMiB" ? `${v.toFixed(0)} MiB` : ms(v));
      note(`${label}: calificar ${fmt(median(c as number[]))}, serial grader ${fmt(median(p as number[]))}`);
    }
    row("lab-ec2: calificar wall / serial grader wall", pairwise(RUNS, (i) => s["calificar"]![i]!.wall / s["python"]![i]!.wall), 2, "×");
    ec2Slow.push(...s["calificar"]!);
  }
  const rss = ec2Slow.flatMap((x) => (x.rssMiB === undefined ? [] : [x.rssMiB]));
  if (rss.length) row("peak memory of a lab-ec2 run (largest of every run above)", Math.max(...rss), 0, " MiB", { op: "≤", limit: 90 });
}

// ---------------------------------------------------------------------------------------------
// 4. What students download.

{
  const dir = mkdtempSync(join(tmpdir(), "calificar-bench-pack-"));
  try {
    const packed = await measure("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir]);
    const [pack] = JSON.parse(packed.stdout) as { filename: string; size: number; unpackedSize: number; entryCount: number }[];
    console.log("\nthe npm package");
    row("npm pack tarball", pack!.size / 1024 / 1024, 2, " MB", { op: "≤", limit: 3 });
    note(`${pack!.entryCount} files, ${(pack!.unpackedSize / 1024 / 1024).toFixed(1)} MB unpacked`);
    // Cold: a new empty folder and an empty npm cache each time; nothing but the tarball to install.
    const installs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const target = mkdtempSync(join(dir, "install-"));
      const cache = mkdtempSync(join(dir, "cache-"));
      const run = await measure("npm", ["install", join(dir, pack!.filename), "--offline", "--no-audit", "--no-fund", "--cache", cache, "--prefix", target]);
      if (run.code !== 0) throw new Error(`npm install of the tarball failed (exit ${run.code})`);
      installs.push(run.wall);
      if (!readdirSync(join(target, "node_modules")).every((n) => n === "calificar" || n.startsWith("."))) throw new Error("the install brought more than calificar");
    }
    row("cold npm install of the tarball into an empty folder (median of 3)", median(installs), 2, " s");
    note(`npm itself: \`npm --version\` takes ${ms((await measure("npm", ["--version"])).wall)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const missed = rows.filter((r) => r.met === false);
console.log(`\n${rows.filter((r) => r.met).length} targets met, ${missed.length} missed${missed.length ? `: ${missed.map((r) => r.what).join("; ")}` : ""}`);
// For BENCHMARKS.md.
console.log("\n| figure | measured | target |\n|---|---|---|");
for (const r of rows) console.log(`| ${r.what} | ${r.met === false ? `**${r.figure}**` : r.figure} | ${r.target}${r.met === false ? " (missed)" : ""} |`);

