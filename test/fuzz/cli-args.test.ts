import fc from "fast-check";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, it } from "vitest";
import { ROOT } from "../support/cli.js";
import { budget, expectWellBehaved, offlineInScratch, params, runMain, RUNS, within } from "./fuzz.js";

// The CLI's arguments, fuzzed through main() in this process with a fake Io: whatever a student
// types, an exit code of the contract, a sentence on stderr for bad input, never a stack trace,
// never «a bug in calificar», never a hang. Nothing may reach AWS: this process has no
// credentials and its endpoint is a closed loopback port, so a grading that is not from a
// snapshot stops at «no credentials» (exit 3). Options that write files only ever get paths in a
// scratch folder, which is also the working directory.

const scratch = mkdtempSync(join(tmpdir(), "calificar-fuzz-cli-"));
const EXAMPLE = join(ROOT, "examples/lab-ec2.snapshot.json");

offlineInScratch(scratch);

beforeAll(async () => {
  // Folders an option may name: a lab folder with a good lab, one with a broken file, one with a
  // folder where a lab file should be, a repository, an empty folder, a plain file.
  mkdirSync(join(scratch, "labs-ok"));
  writeFileSync(join(scratch, "labs-ok", "lab-mio.json"), JSON.stringify({ ...JSON.parse((await import("node:fs")).readFileSync(join(ROOT, "labs/lab-ec2.json"), "utf8")), id: "lab-mio" }));
  mkdirSync(join(scratch, "labs-rotos"));
  writeFileSync(join(scratch, "labs-rotos", "lab-roto.json"), "{ no");
  mkdirSync(join(scratch, "labs-carpeta", "lab-dir.json"), { recursive: true });
  mkdirSync(join(scratch, "vacia"));
  mkdirSync(join(scratch, "repo", ".ebextensions"), { recursive: true });
  writeFileSync(join(scratch, "repo", "Procfile"), "web: node app.js\n");
  writeFileSync(join(scratch, "archivo.txt"), "hola");
});

const odd = fc.oneof(
  fc.string(),
  fc.constantFrom("", " ", "-", "--", "---", "-1", "0", "1e9", "NaN", "∞", "ñandú", "a b", "\u0000", "\n", "$(rm -rf /)", "%s%s", "..", "/", "C:\\x", "=", "--=", "x".repeat(5000)),
  // Names every object inherits: lookups by name must not find them.
  fc.constantFrom("constructor", "toString", "valueOf", "__proto__", "hasOwnProperty"),
);
const readPath = fc.constantFrom(EXAMPLE, join(scratch, "archivo.txt", "x"), "a\u0000b", join(scratch, "labs-ok"), join(scratch, "labs-rotos"), join(scratch, "labs-carpeta"), join(scratch, "vacia"), join(scratch, "repo"), join(scratch, "archivo.txt"), join(scratch, "no-existe"), "labs-ok", "no-existe.json");
// Written to: only ever inside the scratch folder.
const writePath = fc.constantFrom("-", join(scratch, "out", "informe.json"), join(scratch, "archivo.txt", "x.json"), join(scratch, "vacia"), "informe.html", join(scratch, "snap.json"));

const VALUES: Record<string, fc.Arbitrary<string>> = {
  region: fc.oneof(fc.constantFrom("us-east-1", "eu-west-1", "mars-north-9", "us-east-1,eu-west-1", ""), odd),
  profile: fc.oneof(fc.constantFrom("default", "nada"), odd),
  lang: fc.oneof(fc.constantFrom("es", "en", "fr", "EN", ""), odd),
  format: fc.oneof(fc.constantFrom("text", "json", "md", "html", "junit", "gradescope", "classroom50", "pdf", "cloudformation"), odd),
  output: writePath,
  "save-snapshot": writePath,
  snapshot: fc.oneof(readPath, fc.constant(EXAMPLE)),
  labs: fc.oneof(readPath, odd),
  repo: fc.oneof(readPath, odd),
  "probe-host": fc.oneof(fc.constantFrom("127.0.0.1:9", "[::1]:9", "::1", "no vale", "localhost:0", "a:99999"), odd),
  "probe-timeout": fc.oneof(fc.constantFrom("0", "1", "0.001", "120", "121", "-5", "abc", "1e3"), odd),
  instance: odd,
  function: odd,
  bucket: odd,
  environment: odd,
  shard: fc.oneof(fc.constantFrom("1/2", "0/2", "3/2", "x"), odd),
};
const FLAGS = ["--no-probe", "--probe", "--no-invoke", "--invoke", "--solo-repo", "--repo-only", "--debug", "--help", "-h", "--version", "-v", "--", "-o"];

const option = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...Object.keys(VALUES)).chain((name) => VALUES[name]!.map((v) => [`--${name}`, v])) },
  { weight: 2, arbitrary: fc.constantFrom(...Object.keys(VALUES)).chain((name) => VALUES[name]!.map((v) => [`--${name}=${v}`])) },
  { weight: 2, arbitrary: fc.constantFrom(...FLAGS).map((f) => [f]) },
  { weight: 1, arbitrary: fc.constantFrom(...Object.keys(VALUES)).map((name) => [`--${name}`]) },
  { weight: 1, arbitrary: odd.map((v) => [v]) },
);

const first = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("lab-ec2", "lab-lambda", "lab-s3", "lab-beanstalk", "lab-iam", "lab-mio") },
  { weight: 3, arbitrary: fc.constantFrom("labs", "limpieza", "cleanup", "politica", "policy") },
  { weight: 1, arbitrary: fc.oneof(odd, fc.constantFrom(join(ROOT, "labs/lab-ec2.json"), "lab-nada", "no-existe.json")) },
);

/** Most runs grade from a snapshot (no AWS at all); the rest stop at «no credentials». */
const argv = fc
  .tuple(fc.option(first, { freq: 12, nil: undefined }), fc.array(option, { maxLength: 6 }), fc.boolean(), fc.boolean())
  .map(([head, opts, fromSnapshot, offline]) => [
    ...(head === undefined ? [] : [head]),
    ...opts.flat(),
    ...(fromSnapshot ? ["--snapshot", EXAMPLE] : []),
    ...(offline ? ["--no-probe"] : []),
  ]);

const ioEnv = fc.record({ CALIFICAR_LANG: fc.constantFrom(undefined, "en", "es", "fr", ""), CALIFICAR_PROBE_HOST: fc.constantFrom(undefined, "127.0.0.1:9", "no vale") }, { requiredKeys: [] });

describe("fuzzing the CLI's arguments", () => {
  it(`main(argv): exit 0–3, a sentence for bad input, never a stack or a hang (${RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(argv, ioEnv, async (args, env) => {
        const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
        const run = await within(20_000, runMain(args, clean), `calificar ${JSON.stringify(args)}`);
        // --debug prints the stack on purpose: the rest still holds.
        expectWellBehaved(args.includes("--debug") ? { ...run, stdout: run.stdout, stderr: run.stderr.replace(/^\s+at .*$/gm, "") } : run, args);
      }),
      params(),
    );
  }, budget(30));
});
