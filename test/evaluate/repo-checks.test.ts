import { describe, expect, it } from "vitest";
import { readRepo, type RepoFacts } from "../../src/collect/repo-reader.js";
import type { CheckResult } from "../../src/core/result.js";
import { gradeOne, readLab } from "../support/check-table.js";
import { ROOT } from "../support/cli.js";
import { SERVER } from "./ec2-facts.js";

// Repository checks (`on: "repo"`) read facts.repo, not the graded resource, so their table puts
// each row into the repository's facts. Otherwise it is test/support/check-table.ts's checkTable:
// rows that pass, rows that fail with their evidence, and here also the place ({file, line}) the
// Action annotates.

type Location = { file: string; line?: number };

interface RepoFailRow {
  facts: Partial<RepoFacts>;
  found?: string | null;
  expected?: string;
  /** Where the annotation goes; null when the check has no place to point at. */
  at?: Location | null;
  says?: { es?: string; en?: string };
}

/** A repository that passes every repository check of every lab. */
export const CLEAN_REPO: RepoFacts = {
  appDir: ".",
  scan: { files: 6, truncated: false },
  ebextensions: {
    files: [{ file: ".ebextensions/autoscaling.config", format: "yaml" }],
    options: {
      "aws:autoscaling:asg": { MinSize: 2, MaxSize: 5 },
      "aws:autoscaling:trigger": { MeasureName: "CPUUtilization", Unit: "Percent", UpperThreshold: 70, LowerThreshold: 30 },
    },
    at: {
      "aws:autoscaling:asg": { MinSize: { file: ".ebextensions/autoscaling.config", line: 3 }, MaxSize: { file: ".ebextensions/autoscaling.config", line: 4 } },
      "aws:autoscaling:trigger": {
        MeasureName: { file: ".ebextensions/autoscaling.config", line: 6 },
        Unit: { file: ".ebextensions/autoscaling.config", line: 7 },
        UpperThreshold: { file: ".ebextensions/autoscaling.config", line: 8 },
        LowerThreshold: { file: ".ebextensions/autoscaling.config", line: 9 },
      },
    },
    errors: [],
  },
  procfile: { file: "Procfile", processes: [{ name: "web", command: "node app.js", line: 1 }] },
  packageJson: { file: "package.json", scripts: { start: "node app.js" }, scriptLines: { start: 4 } },
  lambdaFunction: { file: "lambda_function.py", handlerDefined: true, line: 4 },
  secrets: [],
};

const pick = (checks: CheckResult[], labId: string, checkId: string): CheckResult => {
  const found = checks.find((c) => c.id === checkId);
  if (!found) throw new Error(`${labId} has no check ${checkId}`);
  return found;
};

/** Grades a lab with no resource at all: repository checks must not care. */
function gradeRepo(labId: string, repo: RepoFacts | undefined, lang: "es" | "en" = "es") {
  return gradeOne(readLab(labId), null, repo ? { facts: { repo } } : {}, lang);
}

function checkTable(labId: string, checkId: string, table: { passes: Partial<RepoFacts>[]; fails: RepoFailRow[] }): void {
  describe(`${labId} › ${checkId} (repository)`, () => {
    it("reads the repository: on is repo", () => {
      expect(readLab(labId).checks.find((c) => c.id === checkId)?.on).toBe("repo");
    });
    it.each(table.passes.map((facts, i) => [i, facts] as const))("passes row %i", (_i, facts) => {
      const check = pick(gradeRepo(labId, { ...CLEAN_REPO, ...facts }).checks, labId, checkId);
      expect(check, check.message).toMatchObject({ status: "passed" });
      expect(check.points).toBe(check.maxPoints);
    });
    it.each(table.fails.map((row, i) => [i, row] as const))("fails row %i", (_i, row) => {
      for (const lang of ["es", "en"] as const) {
        const check = pick(gradeRepo(labId, { ...CLEAN_REPO, ...row.facts }, lang).checks, labId, checkId);
        expect(check.status, check.message).toBe("failed");
        expect(check.points).toBe(0);
        expect(check.hint).toBeTruthy();
        if (row.found !== undefined) expect(check.found).toBe(row.found);
        if (row.expected !== undefined && lang === "es") expect(check.expected).toBe(row.expected);
        if (row.at !== undefined) expect({ file: check.file, line: check.line }).toEqual(row.at ? { line: undefined, ...row.at } : { file: undefined, line: undefined });
        const says = row.says?.[lang];
        if (says) expect(check.message).toContain(says);
      }
    });
    it("is skipped without --repo, and is worth nothing in that grading", () => {
      for (const lang of ["es", "en"] as const) {
        const result = gradeRepo(labId, undefined, lang);
        const check = pick(result.checks, labId, checkId);
        expect(check).toMatchObject({ status: "skipped", points: 0, maxPoints: 0, found: null });
        expect(check.message).toContain(lang === "es" ? "--repo CARPETA" : "--repo DIR");
      }
    });
  });
}

const PEM = { kind: "pem-file", file: "mi-servidor.pem", line: 1 } as const;
const KEY_FILE = { kind: "private-key", file: "deploy/id_rsa", line: 1 } as const;
const ENV_KEY = { kind: "aws-access-key-id", file: ".env", line: 3 } as const;

checkTable("lab-ec2", "no-pem-committed", {
  passes: [
    {},
    // Other secrets are another lab's concern (lab-beanstalk's no-committed-secrets).
    { secrets: [ENV_KEY] },
  ],
  fails: [
    { facts: { secrets: [PEM] }, found: "mi-servidor.pem:1", at: { file: "mi-servidor.pem", line: 1 }, says: { es: "se esperaba ninguna", en: "expected none" } },
    // A key pair renamed without .pem is still a private key.
    { facts: { secrets: [ENV_KEY, KEY_FILE] }, found: "deploy/id_rsa:1", at: { file: "deploy/id_rsa", line: 1 } },
    { facts: { secrets: [PEM, KEY_FILE] }, found: "mi-servidor.pem:1, deploy/id_rsa:1", at: { file: "mi-servidor.pem", line: 1 } },
  ],
});

const CONFIG = ".ebextensions/autoscaling.config";
/** The repository's ebextensions with some option changed (set to undefined to remove it). */
function withOptions(namespace: string, values: Record<string, unknown>): Pick<RepoFacts, "ebextensions"> {
  const current = CLEAN_REPO.ebextensions.options[namespace] ?? {};
  const options = Object.fromEntries(Object.entries({ ...current, ...values }).filter(([, v]) => v !== undefined));
  const at = Object.fromEntries(Object.keys(options).map((k) => [k, CLEAN_REPO.ebextensions.at[namespace]?.[k] ?? { file: CONFIG, line: 20 }]));
  return {
    ebextensions: {
      ...CLEAN_REPO.ebextensions,
      options: { ...CLEAN_REPO.ebextensions.options, [namespace]: options as Record<string, string | number> },
      at: { ...CLEAN_REPO.ebextensions.at, [namespace]: at },
    },
  };
}
const NO_EBEXTENSIONS: Pick<RepoFacts, "ebextensions"> = { ebextensions: { files: [], options: {}, at: {}, errors: [] } };
const BROKEN_YAML: Pick<RepoFacts, "ebextensions"> = {
  ebextensions: { files: [{ file: CONFIG, format: "yaml" }], options: {}, at: {}, errors: [{ file: CONFIG, line: 4, message: "All mapping items must start at the same column" }] },
};

checkTable("lab-beanstalk", "ebextensions-autoscaling", {
  passes: [{}, withOptions("aws:autoscaling:asg", { Cooldown: 360 })],
  fails: [
    {
      facts: withOptions("aws:autoscaling:asg", { MinSize: 1 }),
      found: "1",
      at: { file: CONFIG, line: 3 },
      says: { es: "mínimo de instancias en .ebextensions (aws:autoscaling:asg MinSize): se esperaba 2, se encontró 1", en: "expected 2, found 1" },
    },
    { facts: withOptions("aws:autoscaling:asg", { MaxSize: 4 }), found: "4", at: { file: CONFIG, line: 3 }, says: { es: "MaxSize): se esperaba 5" } },
    // "2" would be a number once read (YAML or quoted): a word is not.
    { facts: withOptions("aws:autoscaling:asg", { MinSize: "dos" }), found: "dos" },
    { facts: withOptions("aws:autoscaling:asg", { MinSize: undefined }), found: null, at: { file: CONFIG, line: 4 } },
    {
      facts: withOptions("aws:autoscaling:asg", { MinSize: 1, MaxSize: 4 }),
      says: { es: "(aws:autoscaling:asg MinSize): se esperaba 2, se encontró 1; máximo de instancias en .ebextensions (aws:autoscaling:asg MaxSize): se esperaba 5, se encontró 4" },
    },
    { facts: NO_EBEXTENSIONS, found: null, expected: "MinSize 2 y MaxSize 5", at: null, says: { es: "se esperaba MinSize 2 y MaxSize 5" } },
    // A file that does not parse: the annotation goes to the line the parser stopped at.
    { facts: BROKEN_YAML, found: null, at: { file: CONFIG, line: 4 } },
    // Config files without the setting: the annotation goes to the first, to add it there.
    { facts: { ebextensions: { files: [{ file: ".ebextensions/db.config", format: "yaml" }], options: {}, at: {}, errors: [] } }, found: null, at: { file: ".ebextensions/db.config" } },
  ],
});

checkTable("lab-beanstalk", "ebextensions-trigger", {
  passes: [{}],
  fails: [
    { facts: withOptions("aws:autoscaling:trigger", { UpperThreshold: 80 }), found: "80", at: { file: CONFIG, line: 8 }, says: { es: "umbral superior en .ebextensions (UpperThreshold): se esperaba 70, se encontró 80" } },
    { facts: withOptions("aws:autoscaling:trigger", { LowerThreshold: 20 }), found: "20" },
    {
      facts: withOptions("aws:autoscaling:trigger", { MeasureName: "NetworkOut", Unit: "Bytes" }),
      says: {
        es: "métrica del disparador en .ebextensions (MeasureName): se esperaba CPUUtilization, se encontró NetworkOut; unidad del disparador en .ebextensions (Unit): se esperaba Percent, se encontró Bytes",
        en: "trigger metric in .ebextensions (MeasureName): expected CPUUtilization, found NetworkOut; trigger unit in .ebextensions (Unit): expected Percent, found Bytes",
      },
    },
    { facts: NO_EBEXTENSIONS, found: null, expected: "CPUUtilization en Percent, umbral superior 70 e inferior 30", at: null },
    { facts: BROKEN_YAML, at: { file: CONFIG, line: 4 } },
  ],
});

checkTable("lab-beanstalk", "procfile", {
  passes: [
    {},
    // Any command passes, with a note that the course uses node app.js.
    { procfile: { file: "Procfile", processes: [{ name: "worker", command: "node worker.js", line: 1 }, { name: "web", command: "npm start", line: 2 }] } },
  ],
  fails: [
    {
      facts: { procfile: { file: "Procfile", processes: [{ name: "worker", command: "node worker.js", line: 1 }] } },
      found: "worker: node worker.js",
      at: { file: "Procfile" },
    },
    { facts: { procfile: { file: "Procfile", processes: [{ name: "web", command: "", line: 1 }] } }, at: { file: "Procfile", line: 1 } },
    { facts: { procfile: { file: "Procfile", processes: [] } }, found: null, at: { file: "Procfile" } },
    { facts: { procfile: null }, found: null, at: null, says: { es: "se esperaba una línea web:", en: "expected a web: line" } },
  ],
});

checkTable("lab-beanstalk", "start-script", {
  passes: [{}, { packageJson: { file: "app/package.json", scripts: { start: "node server.js" }, scriptLines: { start: 3 } } }],
  fails: [
    { facts: { packageJson: { file: "package.json", scripts: { test: "node --test" }, scriptLines: { test: 4 } } }, found: null, at: { file: "package.json" } },
    {
      facts: { packageJson: { file: "package.json", scripts: {}, scriptLines: {}, error: { message: "Expected double-quoted property name in JSON at position 67", line: 5 } } },
      found: "Expected double-quoted property name in JSON at position 67",
      at: { file: "package.json", line: 5 },
    },
    { facts: { packageJson: null }, found: null, at: null, says: { es: "se esperaba un comando, p. ej. node app.js" } },
  ],
});

checkTable("lab-beanstalk", "no-committed-secrets", {
  passes: [{}],
  fails: [
    { facts: { secrets: [ENV_KEY] }, found: ".env:3 aws-access-key-id", at: { file: ".env", line: 3 } },
    {
      facts: { secrets: [{ kind: "secret-value", name: "RDS_PASSWORD", file: ".ebextensions/db.config", line: 7 }, PEM] },
      found: ".ebextensions/db.config:7 RDS_PASSWORD, mi-servidor.pem:1 pem-file",
      at: { file: ".ebextensions/db.config", line: 7 },
      says: { es: "secretos en el repositorio: se esperaba ninguno", en: "secrets in the repository: expected none" },
    },
    { facts: { secrets: [KEY_FILE] }, found: "deploy/id_rsa:1 private-key" },
  ],
});

checkTable("lab-lambda", "lambda-handler-defined", {
  passes: [{}, { lambdaFunction: { file: "src/lambda_function.py", handlerDefined: true, line: 12 } }],
  fails: [
    // A boolean reads as a sentence, never «se esperaba sí … se encontró no».
    {
      facts: { lambdaFunction: { file: "lambda_function.py", handlerDefined: false, line: null } },
      found: null,
      expected: "def lambda_handler(event, context): al nivel del módulo, en lambda_function.py",
      at: { file: "lambda_function.py" },
      says: {
        es: "se esperaba una función def lambda_handler(event, context): al nivel del módulo en lambda_function.py; no se encontró",
        en: "expected a function def lambda_handler(event, context): at module level in lambda_function.py; none was found",
      },
    },
    {
      facts: { lambdaFunction: null },
      found: null,
      at: null,
      says: {
        es: "se esperaba un archivo lambda_function.py con def lambda_handler(event, context):; no hay ningún lambda_function.py en el repositorio",
        en: "expected a lambda_function.py file with def lambda_handler(event, context):; there is no lambda_function.py in the repository",
      },
    },
  ],
});

describe("repository checks are graded once, whatever resource is graded", () => {
  const lab = readLab("lab-ec2");
  const ACCOUNT_MAX = lab.checks.filter((c) => c.on !== "repo").reduce((sum, c) => sum + c.points, 0);
  const ALL_MAX = lab.checks.reduce((sum, c) => sum + c.points, 0);

  it("grades the account's checks as usual with --repo, and adds the repository's points", () => {
    const result = gradeOne(lab, SERVER, { facts: { repo: CLEAN_REPO } });
    expect(result.checks.filter((c) => c.status !== "passed").map((c) => c.id)).toEqual([]);
    expect(result).toMatchObject({ score: ALL_MAX, maxScore: ALL_MAX, passed: true });
    expect(ALL_MAX).toBeGreaterThan(ACCOUNT_MAX);
  });

  it("grades the repository even when there is no instance at all", () => {
    const result = gradeOne(lab, null, { facts: { repo: { ...CLEAN_REPO, secrets: [PEM] } } });
    expect(result.resource).toBeNull();
    expect(pick(result.checks, "lab-ec2", "no-pem-committed")).toMatchObject({ status: "failed", file: "mi-servidor.pem", line: 1 });
    expect(pick(result.checks, "lab-ec2", "instance-running").status).toBe("failed");
  });

  it("gives every candidate the same repository outcome, so it never decides which instance is graded", () => {
    const snapshotFacts = { repo: { ...CLEAN_REPO, secrets: [PEM] } };
    const one = gradeOne(lab, SERVER, { facts: snapshotFacts });
    const other = gradeOne(lab, { ...SERVER, instanceType: "t3.small" }, { facts: snapshotFacts });
    expect(pick(one.checks, "lab-ec2", "no-pem-committed")).toEqual(pick(other.checks, "lab-ec2", "no-pem-committed"));
    expect(one.score).toBe(ALL_MAX - 1);
  });

  it("leaves repository points out of a grading without --repo, so the account alone can score full marks", () => {
    const result = gradeOne(lab, SERVER);
    expect(result).toMatchObject({ score: ACCOUNT_MAX, maxScore: ACCOUNT_MAX, passed: true, ungradable: false });
    expect(result.checks.reduce((sum, c) => sum + c.maxPoints, 0)).toBe(result.maxScore);
  });

  it("is still ungradable when every account check is an error and there is no repository", () => {
    const denied = { action: "ec2:DescribeInstances", code: "UnauthorizedOperation", kind: "denied" as const, message: "denied", region: "us-east-1" };
    expect(gradeOne(lab, null, { errors: [denied] }).ungradable).toBe(true);
    // With a repository something was graded: not ungradable, and the repository's point counts.
    const withRepo = gradeOne(lab, null, { errors: [denied], facts: { repo: CLEAN_REPO } });
    expect(withRepo).toMatchObject({ ungradable: false, score: 1 });
  });
});

describe("fixture repositories graded through the collector", () => {
  const repo = (name: string) => readRepo(`${ROOT}test/fixtures/repos/${name}`);
  const BEANSTALK_REPO_CHECKS = ["ebextensions-autoscaling", "ebextensions-trigger", "procfile", "start-script", "no-committed-secrets"];
  const repoStatus = (checks: CheckResult[]) => Object.fromEntries(checks.filter((c) => BEANSTALK_REPO_CHECKS.includes(c.id)).map((c) => [c.id, c.status]));

  it.each(["beanstalk-list", "beanstalk-map", "beanstalk-nested"])("lab-beanstalk passes every repository check of %s", async (name) => {
    const facts = await repo(name);
    const status = repoStatus(gradeOne(readLab("lab-beanstalk"), null, { facts: { repo: facts } }).checks);
    // beanstalk-map has no start script and beanstalk-nested no trigger: the rest passes.
    const expected = Object.fromEntries(BEANSTALK_REPO_CHECKS.map((id) => [id, "passed"]));
    if (name === "beanstalk-map") expected["start-script"] = "failed";
    if (name === "beanstalk-nested") expected["ebextensions-trigger"] = "failed";
    expect(status).toEqual(expected);
  });

  it("lab-beanstalk fails the JSON-config repository with the evidence and places of each problem", async () => {
    const checks = gradeOne(readLab("lab-beanstalk"), null, { facts: { repo: await repo("beanstalk-json") } }).checks;
    const get = (id: string) => pick(checks, "lab-beanstalk", id);
    // MinSize 1 and MaxSize 4: both are named at once.
    expect(get("ebextensions-autoscaling")).toMatchObject({
      status: "failed",
      message:
        "mínimo de instancias en .ebextensions (aws:autoscaling:asg MinSize): se esperaba 2, se encontró 1; máximo de instancias en .ebextensions (aws:autoscaling:asg MaxSize): se esperaba 5, se encontró 4",
      found: "mínimo de instancias en .ebextensions (aws:autoscaling:asg MinSize): 1 · máximo de instancias en .ebextensions (aws:autoscaling:asg MaxSize): 4",
      file: ".ebextensions/autoscaling.config",
      line: 3,
    });
    expect(get("ebextensions-trigger")).toMatchObject({ status: "failed", found: "80", file: ".ebextensions/scaling-trigger.config", line: 6 });
    expect(get("procfile")).toMatchObject({ status: "failed", found: "worker: node worker.js", file: "Procfile" });
    expect(get("start-script")).toMatchObject({ status: "failed", file: "package.json", line: 5 });
    expect(get("no-committed-secrets").status).toBe("passed");
  });

  it("lab-beanstalk points at the broken line of malformed YAML and still reads the other file", async () => {
    const checks = gradeOne(readLab("lab-beanstalk"), null, { facts: { repo: await repo("beanstalk-malformed") } }).checks;
    expect(pick(checks, "lab-beanstalk", "ebextensions-autoscaling")).toMatchObject({ status: "failed", file: ".ebextensions/autoscaling.config", line: 4 });
    expect(pick(checks, "lab-beanstalk", "ebextensions-trigger")).toMatchObject({ status: "passed", file: ".ebextensions/zz-trigger.config", line: 5 });
  });

  it("lab-beanstalk names every committed secret by file and line, never by value", async () => {
    const checks = gradeOne(readLab("lab-beanstalk"), null, { facts: { repo: await repo("beanstalk-secrets") } }).checks;
    const check = pick(checks, "lab-beanstalk", "no-committed-secrets");
    expect(check).toMatchObject({
      status: "failed",
      found: ".ebextensions/db.config:7 RDS_PASSWORD, Procfile:1 DB_PASSWORD, docker-compose.yml:5 POSTGRES_PASSWORD, mi-servidor.pem:1 pem-file",
      file: ".ebextensions/db.config",
      line: 7,
    });
    for (const value of ["Sup3r-S3creta-2026", "Otra-Clave-99", "Compose-Clave-7"]) expect(JSON.stringify(checks)).not.toContain(value);
  });

  it("lab-lambda finds the module-level handler, and not a method of the same name", async () => {
    const lab = readLab("lab-lambda");
    const defined = pick(gradeOne(lab, null, { facts: { repo: await repo("lambda") } }).checks, "lab-lambda", "lambda-handler-defined");
    expect(defined).toMatchObject({ status: "passed", file: "lambda_function.py", line: 4 });
    const missing = pick(gradeOne(lab, null, { facts: { repo: await repo("lambda-no-handler") } }).checks, "lab-lambda", "lambda-handler-defined");
    expect(missing).toMatchObject({ status: "failed", found: null, file: "lambda_function.py" });
    expect(missing.message).not.toMatch(/\b(sí|no)$|se esperaba sí/);
  });

  it("lab-ec2 fails a committed .pem, pointing at it", async () => {
    const result = gradeOne(readLab("lab-ec2"), SERVER, { facts: { repo: await repo("beanstalk-secrets") } });
    expect(pick(result.checks, "lab-ec2", "no-pem-committed")).toMatchObject({ status: "failed", found: "mi-servidor.pem:1", file: "mi-servidor.pem", line: 1 });
  });
});

describe("repository files calificar could not read", () => {
  const status = (labId: string, repo: Partial<RepoFacts>, lang: "es" | "en" = "es") => {
    const checks = gradeRepo(labId, { ...CLEAN_REPO, ...repo }, lang).checks;
    return (id: string) => pick(checks, labId, id);
  };

  it("an unreadable Procfile is «could not check: could not read Procfile», not «create a Procfile»", () => {
    for (const lang of ["es", "en"] as const) {
      const check = status("lab-beanstalk", { procfile: null, unreadable: [{ file: "Procfile", code: "EACCES" }] }, lang)("procfile");
      expect(check).toMatchObject({ status: "error", points: 0, found: null });
      expect(check.message).toBe(lang === "es" ? "no se pudo comprobar: no se pudo leer Procfile (EACCES)" : "could not check: Procfile could not be read (EACCES)");
      expect(check.hint).toContain("chmod");
    }
  });

  it("an unreadable .env holding a password makes no-committed-secrets an error, not a pass", () => {
    const check = status("lab-beanstalk", { unreadable: [{ file: ".env", code: "EACCES" }] })("no-committed-secrets");
    expect(check).toMatchObject({ status: "error", points: 0, message: "no se pudo comprobar: no se pudo leer .env (EACCES)" });
    // lab-ec2's private-key check scans every file too.
    expect(gradeOne(readLab("lab-ec2"), SERVER, { facts: { repo: { ...CLEAN_REPO, unreadable: [{ file: ".env", code: "EACCES" }] } } }).checks.find((c) => c.id === "no-pem-committed")?.status).toBe("error");
  });

  it("says why each path was not read: too large, too deep, too many, the whole repository too large", () => {
    const check = (code: string, file: string, lang: "es" | "en" = "es") => status("lab-beanstalk", { unreadable: [{ file, code }] }, lang)("no-committed-secrets").message;
    expect(check("TOO_LARGE", "datos/clientes.env")).toBe("no se pudo comprobar: no se leyó datos/clientes.env: pasa de 1 MB");
    expect(check("TOO_LARGE", "datos/clientes.env", "en")).toBe("could not check: datos/clientes.env was not read: it is over 1 MB");
    expect(check("TOO_DEEP", "a/b/c/")).toBe("no se pudo comprobar: no se leyó la carpeta a/b/c/: está a más de 16 niveles de profundidad");
    expect(check("TOO_MANY", "src/")).toBe("no se pudo comprobar: el repositorio tiene más de 20 000 archivos y carpetas: no se leyó el resto (a partir de src/)");
    expect(check("TOTAL_LIMIT", "x.json")).toContain("no se leyó x.json: el texto del repositorio pasa de 64 MB en total");
    expect(check("EIO", "config/")).toBe("no se pudo comprobar: no se pudo leer la carpeta config/ (EIO)");
  });

  it("names three paths and counts the rest", () => {
    const unreadable = ["a.env", "b.env", "c.env", "d.env", "e.env"].map((file) => ({ file, code: "EACCES" }));
    expect(status("lab-beanstalk", { unreadable })("no-committed-secrets").message).toBe(
      "no se pudo comprobar: no se pudo leer a.env (EACCES); no se pudo leer b.env (EACCES); no se pudo leer c.env (EACCES); y 2 más",
    );
  });

  it("leaves a check alone when what it reads was read: its pass stands, and so does a failure for something else", () => {
    const unreadable = [{ file: "docs/notas.txt", code: "EACCES" }];
    const get = status("lab-beanstalk", { unreadable });
    expect(get("procfile").status).toBe("passed");
    expect(get("start-script").status).toBe("passed");
    const failing = status("lab-beanstalk", { unreadable, procfile: null });
    expect(failing("procfile")).toMatchObject({ status: "failed", hint: expect.stringContaining("Procfile") });
  });

  it("makes a failing named read an error when a folder that may hold the file could not be read", () => {
    const get = status("lab-beanstalk", { procfile: null, packageJson: null, unreadable: [{ file: "app/", code: "EACCES" }] });
    expect(get("procfile")).toMatchObject({ status: "error", message: "no se pudo comprobar: no se pudo leer la carpeta app/ (EACCES)" });
    expect(get("start-script").status).toBe("error");
    // An unreadable .ebextensions config file is the settings' own file.
    const eb = status("lab-beanstalk", { ...NO_EBEXTENSIONS, unreadable: [{ file: ".ebextensions/asg.config", code: "EACCES" }] });
    expect(eb("ebextensions-autoscaling")).toMatchObject({ status: "error", message: "no se pudo comprobar: no se pudo leer .ebextensions/asg.config (EACCES)" });
    expect(eb("procfile").status).toBe("passed");
  });

  it("lab-lambda: an unreadable lambda_function.py is not «there is no lambda_function.py»", () => {
    const get = status("lab-lambda", { lambdaFunction: null, unreadable: [{ file: "src/lambda_function.py", code: "EIO" }] });
    expect(get("lambda-handler-defined")).toMatchObject({ status: "error", message: "no se pudo comprobar: no se pudo leer src/lambda_function.py (EIO)" });
  });

  it("keeps the plain rule for a repository check that names no read: a failure while anything was unread is an error", () => {
    const lab = readLab("lab-beanstalk");
    const procfile = { ...lab.checks.find((c) => c.id === "procfile")! };
    delete procfile.requires;
    const custom = { ...lab, checks: [procfile] };
    const unreadable = [{ file: "docs/notas.txt", code: "EACCES" }];
    expect(gradeOne(custom, null, { facts: { repo: { ...CLEAN_REPO, unreadable } } }).checks[0]!.status).toBe("passed");
    expect(gradeOne(custom, null, { facts: { repo: { ...CLEAN_REPO, procfile: null, unreadable } } }).checks[0]!.status).toBe("error");
  });
});
