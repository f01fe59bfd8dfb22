import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import collector from "../../src/collect/repo.js";
import { LIMITS, readRepo, type RepoFacts } from "../../src/collect/repo-reader.js";
import { ClientPool } from "../../src/collect/clients.js";
import { makeContext, type CollectOptions } from "../../src/collect/collector.js";
import { UserError } from "../../src/core/errors.js";
import { ROOT } from "../support/cli.js";

// The repository collector on fixture repositories (test/fixtures/repos/). Fixtures that must hold
// a real-looking credential are written at test time from pieces, so this repository never
// commits one that a secret scanner would (rightly) stop.

const FIXTURES = join(ROOT, "test", "fixtures", "repos");
const fixture = (name: string) => join(FIXTURES, name);

/** An access key id in AWS's format that is nobody's; assembled so no scanner sees it in the source. */
export const FAKE_KEY_ID = ["AK", "IA", "Z7QK3M", "P4XR2T", "9WLC"].join("");
const PRIVATE_KEY_HEADER = `-----BEGIN ${"OPENSSH"} PRIVATE KEY-----`;

/** A copy of a fixture in a temp folder, plus extra files. */
function repoWith(base: string | null, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "calificar-repo-"));
  if (base) cpSync(fixture(base), dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function collectWith(options: CollectOptions): Promise<RepoFacts | undefined> {
  const pool = new ClientPool({});
  try {
    return await collector.collect(makeContext(collector, "us-east-1", pool, options, []));
  } finally {
    pool.destroy();
  }
}

describe("repo collector: .ebextensions option_settings", () => {
  it("reads the list form, numbers as numbers, namespace defaulting to environment properties, with lines", async () => {
    const facts = await readRepo(fixture("beanstalk-list"));
    expect(facts.ebextensions.files).toEqual([{ file: ".ebextensions/01-autoscaling.config", format: "yaml" }]);
    expect(facts.ebextensions.options).toEqual({
      "aws:autoscaling:asg": { MinSize: 2, MaxSize: 5 },
      "aws:autoscaling:trigger": { MeasureName: "CPUUtilization", Unit: "Percent", UpperThreshold: 70, LowerThreshold: 30 },
      "aws:elasticbeanstalk:application:environment": { NODE_ENV: "production" },
    });
    // The line of the value a student edits.
    expect(facts.ebextensions.at["aws:autoscaling:asg"]).toEqual({
      MinSize: { file: ".ebextensions/01-autoscaling.config", line: 5 },
      MaxSize: { file: ".ebextensions/01-autoscaling.config", line: 8 },
    });
    expect(facts.ebextensions.errors).toEqual([]);
  });

  it("reads the map form the same way", async () => {
    const facts = await readRepo(fixture("beanstalk-map"));
    expect(facts.ebextensions.options["aws:autoscaling:asg"]).toEqual({ MinSize: 2, MaxSize: 5 });
    expect(facts.ebextensions.options["aws:autoscaling:trigger"]).toEqual({ MeasureName: "CPUUtilization", Unit: "Percent", UpperThreshold: 70, LowerThreshold: 30 });
    expect(facts.ebextensions.at["aws:autoscaling:trigger"]?.["UpperThreshold"]).toEqual({ file: ".ebextensions/autoscaling.config", line: 8 });
    // A dynamic reference to Secrets Manager is how the course wants it: not a committed secret.
    expect(facts.ebextensions.options["aws:elasticbeanstalk:application:environment"]?.["RDS_PASSWORD"]).toMatch(/^\{\{resolve:secretsmanager:/);
    expect(facts.secrets).toEqual([]);
  });

  it("reads JSON config files, every .config of the folder in order, and nothing else in it", async () => {
    const facts = await readRepo(fixture("beanstalk-json"));
    expect(facts.ebextensions.files).toEqual([
      { file: ".ebextensions/autoscaling.config", format: "json" },
      { file: ".ebextensions/scaling-trigger.config", format: "json" },
    ]);
    expect(facts.ebextensions.options["aws:autoscaling:asg"]).toEqual({ MinSize: 1, MaxSize: 4 });
    expect(facts.ebextensions.options["aws:autoscaling:trigger"]?.["UpperThreshold"]).toBe(80);
    expect(facts.ebextensions.at["aws:autoscaling:trigger"]?.["UpperThreshold"]).toEqual({ file: ".ebextensions/scaling-trigger.config", line: 6 });
  });

  it("records a malformed YAML file with its line, counts none of its settings, and still reads the others", async () => {
    const facts = await readRepo(fixture("beanstalk-malformed"));
    expect(facts.ebextensions.errors).toEqual([
      { file: ".ebextensions/autoscaling.config", line: 4, message: expect.stringContaining("same column") },
    ]);
    expect(facts.ebextensions.options["aws:autoscaling:asg"]).toBeUndefined();
    expect(facts.ebextensions.options["aws:autoscaling:trigger"]?.["LowerThreshold"]).toBe(30);
  });

  it("lets a later file override an earlier one, as Elastic Beanstalk applies them alphabetically", async () => {
    const dir = repoWith("beanstalk-map", { ".ebextensions/zz-override.config": "option_settings:\n  aws:autoscaling:asg:\n    MinSize: '3'\n" });
    const facts = await readRepo(dir);
    expect(facts.ebextensions.options["aws:autoscaling:asg"]).toEqual({ MinSize: 3, MaxSize: 5 });
    expect(facts.ebextensions.at["aws:autoscaling:asg"]?.["MinSize"]).toEqual({ file: ".ebextensions/zz-override.config", line: 3 });
  });

  it("finds the app in a subfolder when the repository root has none", async () => {
    const facts = await readRepo(fixture("beanstalk-nested"));
    expect(facts.appDir).toBe("app");
    expect(facts.ebextensions.at["aws:autoscaling:asg"]?.["MinSize"]).toEqual({ file: "app/.ebextensions/autoscaling.config", line: 3 });
    expect(facts.procfile?.file).toBe("app/Procfile");
    expect(facts.packageJson).toMatchObject({ file: "app/package.json", scripts: { start: "node app.js" } });
  });
});

describe("repo collector: Procfile, package.json, lambda_function.py", () => {
  it("reads Procfile processes and package.json scripts with their lines", async () => {
    const facts = await readRepo(fixture("beanstalk-list"));
    expect(facts.procfile).toEqual({ file: "Procfile", processes: [{ name: "web", command: "node app.js", line: 1 }] });
    expect(facts.packageJson).toEqual({
      file: "package.json",
      scripts: { start: "node app.js", test: "node --test" },
      scriptLines: { start: 6, test: 7 },
    });
    const map = await readRepo(fixture("beanstalk-map"));
    expect(map.procfile?.processes.map((p) => p.name)).toEqual(["web", "worker"]);
    expect(map.packageJson?.scripts).toEqual({ test: "node --test" });
  });

  it("records a package.json that npm would refuse, with the line", async () => {
    const facts = await readRepo(fixture("beanstalk-json"));
    expect(facts.packageJson).toMatchObject({ file: "package.json", scripts: {}, error: { line: 5, message: expect.stringContaining("JSON") } });
  });

  it("says nothing of files that are not there", async () => {
    const facts = await readRepo(fixture("lambda"));
    expect(facts).toMatchObject({ procfile: null, packageJson: null, ebextensions: { files: [], options: {}, errors: [] } });
  });

  it("finds def lambda_handler( at module level only", async () => {
    expect((await readRepo(fixture("lambda"))).lambdaFunction).toEqual({ file: "lambda_function.py", handlerDefined: true, line: 4 });
    // A method of a class is not what the runtime imports as lambda_function.lambda_handler.
    expect((await readRepo(fixture("lambda-no-handler"))).lambdaFunction).toEqual({ file: "lambda_function.py", handlerDefined: false, line: null });
    const nested = repoWith(null, { "src/lambda_function.py": "def lambda_handler(event, context):\n    pass\n" });
    expect((await readRepo(nested)).lambdaFunction).toEqual({ file: "src/lambda_function.py", handlerDefined: true, line: 1 });
  });
});

describe("repo collector: committed secrets", () => {
  const AKIA_ENV = `# credenciales de la app\nAWS_REGION=us-east-1\nAWS_ACCESS_KEY_ID=${FAKE_KEY_ID}\n`;

  it("finds a password in .ebextensions, an access key id in a .env, a .pem and more, each with file and line", async () => {
    const dir = repoWith("beanstalk-secrets", { ".env": AKIA_ENV, "deploy/id_ed25519": `${PRIVATE_KEY_HEADER}\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n` });
    const facts = await readRepo(dir);
    expect(facts.secrets).toEqual([
      { kind: "secret-value", name: "RDS_PASSWORD", file: ".ebextensions/db.config", line: 7 },
      { kind: "aws-access-key-id", file: ".env", line: 3 },
      { kind: "secret-value", name: "DB_PASSWORD", file: "Procfile", line: 1 },
      { kind: "private-key", file: "deploy/id_ed25519", line: 1 },
      { kind: "secret-value", name: "POSTGRES_PASSWORD", file: "docker-compose.yml", line: 5 },
      { kind: "pem-file", file: "mi-servidor.pem", line: 1 },
    ]);
  });

  it("never records a secret's value anywhere in the facts", async () => {
    const dir = repoWith("beanstalk-secrets", { ".env": AKIA_ENV, "package.json": '{ "scripts": { "start": "API_KEY=k3y-Valor-123 node app.js" } }\n' });
    const facts = await readRepo(dir);
    const text = JSON.stringify(facts);
    for (const value of ["Sup3r-S3creta-2026", "Otra-Clave-99", "Compose-Clave-7", FAKE_KEY_ID, "k3y-Valor-123"]) expect(text).not.toContain(value);
    expect(facts.ebextensions.options["aws:elasticbeanstalk:application:environment"]).toEqual({ RDS_USERNAME: "admin", RDS_PASSWORD: "[redacted]" });
    expect(facts.procfile?.processes[0]?.command).toBe("DB_PASSWORD=[redacted] node app.js");
    expect(facts.packageJson?.scripts["start"]).toBe("API_KEY=[redacted] node app.js");
    expect(facts.secrets).toContainEqual({ kind: "secret-value", name: "API_KEY", file: "package.json", line: 1 });
  });

  it("finds a password in the .ebextensions of a folder that is not the graded app", async () => {
    const dir = repoWith("beanstalk-list", {});
    cpSync(fixture("beanstalk-secrets"), join(dir, "otra-app"), { recursive: true });
    const facts = await readRepo(dir);
    expect(facts.appDir).toBe(".");
    expect(facts.secrets).toContainEqual({ kind: "secret-value", name: "RDS_PASSWORD", file: "otra-app/.ebextensions/db.config", line: 7 });
    // Only the app's own configuration is graded.
    expect(facts.ebextensions.files.map((f) => f.file)).toEqual([".ebextensions/01-autoscaling.config"]);
  });

  it("finds a password inside a connection URL whatever its key, and keeps it out of commands", async () => {
    const dir = repoWith(null, {
      ".env": "DATABASE_URL=postgres://app:Url-Clave-42@mi-db.example.com:5432/app\nREDIS_URL=redis://${REDIS_USER}:${REDIS_PASSWORD}@cache:6379\n",
      Procfile: 'web: MONGO_URI=mongodb://app:Mongo-Clave-8@db/app DB_PASSWORD="con espacios" node app.js\n',
    });
    const facts = await readRepo(dir);
    expect(facts.secrets).toEqual([
      { kind: "secret-value", name: "DATABASE_URL", file: ".env", line: 1 },
      { kind: "secret-value", name: "MONGO_URI", file: "Procfile", line: 1 },
    ]);
    expect(facts.procfile?.processes[0]?.command).toBe("MONGO_URI=mongodb://app:[redacted]@db/app DB_PASSWORD=[redacted] node app.js");
    for (const value of ["Url-Clave-42", "Mongo-Clave-8", "con espacios"]) expect(JSON.stringify(facts)).not.toContain(value);
  });

  it("flags no reference, placeholder, empty value or lookalike name", async () => {
    const dir = repoWith(null, {
      ".env.example": "DB_PASSWORD=\nRDS_PASSWORD=<tu-contraseña>\nAPI_KEY=${API_KEY}\nJWT_SECRET=xxxxxxxx\n",
      "config.json": '{ "author": "Ana", "passport": "abc123", "DB_PASSWORD_FILE": "/run/secrets/db", "token": "{{resolve:ssm:/app/token}}" }\n',
      "settings.yml": "requirePassword: true\nresetToken: no\n",
      "docs.md": `Ejemplo de la documentación de AWS: AKIAIOSFODNN7EXAMPLE\nDB_PASSWORD=esto-no-es-configuración\n`,
      "app.py": 'password = os.environ["DB_PASSWORD"]\n',
    });
    expect((await readRepo(dir)).secrets).toEqual([]);
  });
});

describe("repo collector: what it does not read", () => {
  it("skips .git and node_modules, and follows no symlink out of the repository", async () => {
    const outside = repoWith(null, { ".env": `AWS_ACCESS_KEY_ID=${FAKE_KEY_ID}\n` });
    const dir = repoWith("beanstalk-list", {
      ".git/config": `[credential]\n  helper = store\n# ${FAKE_KEY_ID}\n`,
      "node_modules/paquete/.env": `AWS_ACCESS_KEY_ID=${FAKE_KEY_ID}\n`,
    });
    symlinkSync(join(outside, ".env"), join(dir, "enlace.env"));
    symlinkSync(outside, join(dir, "carpeta-enlazada"));
    const facts = await readRepo(dir);
    expect(facts.secrets).toEqual([]);
    expect(facts.scan).toEqual({ files: 4, truncated: false });
  });

  it("reads no file larger than the limit, says the scan was partial, and records the file as not read", async () => {
    const big = `AWS_ACCESS_KEY_ID=${FAKE_KEY_ID}\n${"#".repeat(LIMITS.fileBytes)}\n`;
    const facts = await readRepo(repoWith(null, { "grande.env": big, "pequeño.env": `AWS_ACCESS_KEY_ID=${FAKE_KEY_ID}\n` }));
    expect(facts.secrets).toEqual([{ kind: "aws-access-key-id", file: "pequeño.env", line: 1 }]);
    expect(facts.scan.truncated).toBe(true);
    expect(facts.unreadable).toEqual([{ file: "grande.env", code: "TOO_LARGE" }]);
  });

  it("skips binary files, large or small, without recording them: they hold no text to grade", async () => {
    const binary = Buffer.concat([Buffer.from("\u0000\u0001PNG"), Buffer.alloc(LIMITS.fileBytes + 10, 7)]).toString("latin1");
    const facts = await readRepo(repoWith(null, { "imagen.env": `\u0000\u0001PNG AWS_ACCESS_KEY_ID=${FAKE_KEY_ID}`, "foto.png": binary }));
    expect(facts.secrets).toEqual([]);
    expect(facts.unreadable).toBeUndefined();
  });

  it("records a folder deeper than the limit as not read, with everything under it", async () => {
    const deep = Array.from({ length: LIMITS.depth }, (_, i) => `n${i + 1}`).join("/");
    const facts = await readRepo(repoWith(null, { [`${deep}/.env`]: `DB_PASSWORD=${"Sup3r-S3creta"}\n`, "Procfile": "web: node app.js\n" }));
    expect(facts.secrets).toEqual([]);
    expect(facts.unreadable).toEqual([{ file: `${deep}/`, code: "TOO_DEEP" }]);
    expect(facts.procfile?.processes).toHaveLength(1);
  });

  it("records nothing when everything was read (older snapshots have no field either)", async () => {
    expect((await readRepo(fixture("beanstalk-list"))).unreadable).toBeUndefined();
  });
});

describe("repo collector as a collector", () => {
  it("declares no IAM action: it reads files only", () => {
    expect(collector.service).toBe("repo");
    expect(collector.actions).toEqual([]);
  });

  it("is not wanted without --repo, so there are no repository facts and repository checks are skipped", async () => {
    expect(collector.wanted?.({})).toBe(false);
    expect(collector.wanted?.({ repoDir: fixture("lambda") })).toBe(true);
  });

  it("reads the folder given as repoDir", async () => {
    expect((await collectWith({ repoDir: fixture("lambda") }))?.lambdaFunction?.handlerDefined).toBe(true);
  });

  it("refuses a folder that does not exist as bad input (exit code 2)", async () => {
    const missing = join(tmpdir(), "calificar-no-existe-" + process.pid);
    const error = await collectWith({ repoDir: missing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ exitCode: 2 });
    expect((error as UserError).text.es).toContain(missing);
  });
});
