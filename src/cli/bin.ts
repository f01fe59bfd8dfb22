#!/usr/bin/env node
import nodeModule from "node:module";
import { setFlagsFromString } from "node:v8";
// Node 22.1+ keeps the code it compiled for calificar's chunks on disk (in the system's temporary
// folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so a student's second run skips compiling the
// AWS SDK again. Everything else is imported below, after this line. Node 20 has no such cache.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// The SDK warns on Node 20 about its releases of 2027; our SDK versions are pinned and run on 20.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
// The probes' HTTP client (undici) parses answers with WebAssembly; V8's optimizing tier for it
// was a third of a lab-ec2 run's peak memory (104 -> 71 MiB) to parse three small answers faster.
// Baseline code is enough. Set before any WebAssembly is compiled; it concerns nothing else.
setFlagsFromString("--liftoff-only");

// A reader that stopped early (`calificar labs | head -1`) closed the pipe: end quietly, as
// `yes | head` does. Node ignores SIGPIPE, so the write fails with EPIPE instead; any other failure
// of the terminal's streams leaves nowhere to say anything either.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => process.exit(err.code === "EPIPE" ? 0 : 3));
}

const [{ main }, { handleInterrupts }, { langFromArgv }] = await Promise.all([import("./main.js"), import("./interrupt.js"), import("./args.js")]);
const interrupts = handleInterrupts(process.stderr, langFromArgv(process.argv.slice(2), process.env));

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: () => new Date(),
  onInterrupt: interrupts.onInterrupt,
});
// Let stdout drain before exiting: piped reports must not be cut short.
process.exitCode = code;
// A class run may leave gradings it gave up on (past their deadline, or after Ctrl-C) still
// waiting on AWS; their results are not wanted, so do not wait for them either.
const first = process.argv[2];
if (code === 130 || first === "clase" || first === "class") process.stdout.write("", () => process.exit(code));
