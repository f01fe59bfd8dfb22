import { afterEach, describe, expect, it, vi } from "vitest";
import { evaluate } from "../../src/core/evaluate.js";
import type { Lab } from "../../src/core/lab.js";
import { toReport } from "../../src/report/json.js";
import type { Result } from "../../src/core/result.js";
import type { CallError, Snapshot } from "../../src/core/snapshot.js";
import type { Lang } from "../../src/core/text.js";
import { readLab, snapshotWith } from "../support/check-table.js";
import { validateReport } from "../support/report-schema.js";
import { PROBE_TIMEOUT, SERVER, denied, rule } from "./ec2-facts.js";
import { ENVIRONMENT } from "../support/beanstalk-facts.js";
import { FUNCTION } from "../support/lambda-facts.js";
import { BUCKET } from "../support/s3-facts.js";

// The account's checks; lab-ec2's repository check has its table in repo-checks.test.ts.
const ec2 = readLab("lab-ec2");
const lab: Lab = { ...ec2, checks: ec2.checks.filter((c) => c.on !== "repo") };
const NOW = new Date("2026-11-28T10:30:00Z");
const MAX = lab.checks.reduce((sum, c) => sum + c.points, 0);

type Candidate = Record<string, unknown>;

function snapshotOf(instances: Candidate[], extra: Partial<Snapshot> = {}): Snapshot {
  return { ...snapshotWith(lab, null, extra), facts: { ec2: { instances } } };
}

function grade(snapshot: Snapshot, options: { lang?: Lang; select?: string; lab?: Lab } = {}): Result {
  return evaluate(options.lab ?? lab, snapshot, {
    lang: options.lang ?? "es",
    now: NOW,
    ...(options.select ? { select: options.select } : {}),
  });
}

const statusOf = (result: Result) => Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
const check = (result: Result, id: string) => result.checks.find((c) => c.id === id)!;

function instance(id: string, name: string, facts: Candidate = {}): Candidate {
  return { ...SERVER, instanceId: id, name, tags: { Name: name }, ...facts };
}

const WORLD_SSH = { ingress: [rule(22, "0.0.0.0/0"), rule(5000, "0.0.0.0/0")] };

describe("which instance is graded", () => {
  it("grades the candidate with the most points and lists the others in the collector's order", () => {
    const result = grade(
      snapshotOf([
        instance("i-0000000000000000a", "prueba", { instanceType: "t3.small", ...WORLD_SSH }),
        instance("i-0000000000000000b", "mi-servidor"),
        instance("i-0000000000000000c", "vieja", { state: "stopped", probes: {} }),
      ]),
    );
    expect(result.resource).toMatchObject({ kind: "instancia", id: "i-0000000000000000b", name: "mi-servidor", region: "us-east-1" });
    expect(result.resource!.others).toEqual([
      { id: "i-0000000000000000a", name: "prueba", score: MAX - 3 },
      { id: "i-0000000000000000c", name: "vieja", score: MAX - 5 },
    ]);
    expect(result.score).toBe(MAX);
    expect(result.passed).toBe(true);
  });

  it("keeps the collector's order between candidates with the same points", () => {
    const result = grade(
      snapshotOf([
        instance("i-0000000000000001a", "primera", { instanceType: "t3.small" }),
        instance("i-0000000000000001b", "segunda", { keyName: null }),
      ]),
    );
    expect(result.resource!.id).toBe("i-0000000000000001a");
    expect(result.resource!.others).toEqual([{ id: "i-0000000000000001b", name: "segunda", score: MAX - 1 }]);
    // Same input in the other order: the other one wins, so the order is what decides.
    const swapped = grade(
      snapshotOf([
        instance("i-0000000000000001b", "segunda", { keyName: null }),
        instance("i-0000000000000001a", "primera", { instanceType: "t3.small" }),
      ]),
    );
    expect(swapped.resource!.id).toBe("i-0000000000000001b");
  });

  it("breaks a tie in points by the number of checks passed", () => {
    const twoCheckLab: Lab = {
      ...lab,
      passMark: 50,
      checks: [
        { ...lab.checks.find((c) => c.id === "instance-type")!, points: 1 },
        { ...lab.checks.find((c) => c.id === "key-pair")!, points: 0 },
      ],
    };
    const result = grade(
      snapshotOf([instance("i-0000000000000002a", "sin-clave", { keyName: null }), instance("i-0000000000000002b", "con-clave")]),
      { lab: twoCheckLab },
    );
    expect(result.resource!.id).toBe("i-0000000000000002b");
  });

  it("grades the instance named by --instance, by id or by Name tag, even when another scores more", () => {
    const snapshot = snapshotOf([instance("i-0000000000000003a", "buena"), instance("i-0000000000000003b", "prueba", { instanceType: "t3.small" })]);
    for (const select of ["i-0000000000000003b", "prueba"]) {
      const result = grade(snapshot, { select });
      expect(result.resource).toMatchObject({ id: "i-0000000000000003b", name: "prueba" });
      expect(result.resource!.others).toEqual([{ id: "i-0000000000000003a", name: "buena", score: MAX }]);
      expect(check(result, "instance-type")).toMatchObject({ status: "failed", found: expect.stringContaining("tipo actual: t3.small") });
    }
  });

  it("grades nothing when --instance names no instance, names what there is and how to pick it", () => {
    const snapshot = snapshotOf([instance("i-0000000000000004a", "mi-servidor"), instance("i-0000000000000004b", "", { name: null, tags: {} })]);
    const es = grade(snapshot, { select: "no-existe" });
    expect(es.resource).toBeNull();
    expect(es.score).toBe(0);
    expect(es.maxScore).toBe(MAX);
    expect(es.passed).toBe(false);
    // Not graded, not failed: the student's instances exist, the name given does not.
    expect(new Set(Object.values(statusOf(es)))).toEqual(new Set(["skipped"]));
    expect(es.notes).toEqual([
      "no se encontró «no-existe» en us-east-1; hay 2 instancias: mi-servidor (i-0000000000000004a), i-0000000000000004b. Indica cuál con --instance mi-servidor",
    ]);
    // Never «Lanza una instancia» while one exists, and no hint per check.
    expect(es.notes[0]).not.toContain(lab.resource.missing!.es);
    for (const c of es.checks) expect(c, c.id).toMatchObject({ message: "omitida: no se encontró «no-existe» en us-east-1", hint: null, points: 0 });
    const en = grade(snapshot, { select: "no-existe", lang: "en" });
    expect(en.notes).toEqual([
      "«no-existe» was not found in us-east-1; there are 2 instances: mi-servidor (i-0000000000000004a), i-0000000000000004b. Pick one with --instance mi-servidor",
    ]);
    const one = grade(snapshotOf([instance("i-0000000000000004a", "mi-servidor")]), { select: "no-existe" });
    expect(one.notes[0]).toContain("hay 1 instancia: mi-servidor (i-0000000000000004a). Indica cuál con --instance mi-servidor");
  });

  it("leaves terminated and shutting-down instances out, as candidates and as others", () => {
    const result = grade(
      snapshotOf([
        instance("i-0000000000000005a", "borrada", { state: "terminated" }),
        instance("i-0000000000000005b", "parada", { state: "stopped", probes: {} }),
        instance("i-0000000000000005c", "apagandose", { state: "shutting-down" }),
      ]),
    );
    expect(result.resource!.id).toBe("i-0000000000000005b");
    expect(result.resource!.others).toEqual([]);
    expect(check(result, "instance-running")).toMatchObject({ status: "failed", found: "stopped" });
  });

  it("treats an account whose only instance is terminated as an account with none", () => {
    const result = grade(snapshotOf([instance("i-0000000000000006a", "borrada", { state: "terminated" })]));
    expect(result.resource).toBeNull();
    expect(result.notes[0]).toContain("no hay instancias en us-east-1");
  });
});

describe("when there is no instance to grade", () => {
  it("fails every check with the note, and tells how to launch one, once", () => {
    for (const lang of ["es", "en"] as const) {
      const result = grade(snapshotOf([]), { lang });
      expect(result.resource).toBeNull();
      expect(result.score).toBe(0);
      expect(result.maxScore).toBe(MAX);
      expect(result.passed).toBe(false);
      expect(result.ungradable).toBe(false);
      // The note says how to launch one; a hint per check about an instance that is not there would not fit.
      for (const c of result.checks) expect(c, c.id).toMatchObject({ status: "failed", points: 0, found: null, hint: null });
      const [note] = result.notes;
      expect(note).toContain(lang === "es" ? "no hay instancias en us-east-1" : "there are no instances in us-east-1");
      expect(note).toContain(lab.resource.missing![lang]);
      expect(check(result, "instance-running").message).toBe(
        lang === "es" ? "no hay instancias en us-east-1" : "there are no instances in us-east-1",
      );
    }
  });

  it("says where the instance is when it was launched in another region", () => {
    const elsewhere = [{ region: "eu-west-1", count: 1, ids: ["i-0eu0000000000000a"] }];
    const es = grade(snapshotOf([], { elsewhere }));
    expect(es.elsewhere).toEqual(elsewhere);
    expect(es.notes).toHaveLength(1);
    expect(es.notes[0]).toContain("tu instancia está en eu-west-1: ejecuta con --region eu-west-1");
    // Where it is replaces how to launch one: the student already did.
    expect(es.notes[0]).not.toContain(lab.resource.missing!.es);
    // Said once, in the note; the checks are not graded in a region with nothing to grade: no
    // points, no per-check hints that would not fit («Iniciar instancia», «cambia su tipo»).
    expect(new Set(es.checks.map((c) => c.status))).toEqual(new Set(["skipped"]));
    for (const c of es.checks) expect(c, c.id).toMatchObject({ points: 0, maxPoints: lab.checks.find((l) => l.id === c.id)!.points, hint: null, message: "omitida: no hay instancias en us-east-1" });
    expect(es).toMatchObject({ score: 0, maxScore: MAX, passed: false, ungradable: false });
    const en = grade(snapshotOf([], { elsewhere }), { lang: "en" });
    expect(en.notes[0]).toContain("your instance is in eu-west-1: run with --region eu-west-1");
  });

  it("names every region that has one, and suggests the first", () => {
    const elsewhere = [
      { region: "eu-west-1", count: 1, ids: ["i-0eu0000000000000a"] },
      { region: "sa-east-1", count: 2, ids: ["i-0sa0000000000000a", "i-0sa0000000000000b"] },
    ];
    expect(grade(snapshotOf([], { elsewhere })).notes[0]).toContain("está en eu-west-1, sa-east-1: ejecuta con --region eu-west-1");
  });
});

describe("what a passed check says it found", () => {
  it.each([
    ["root-volume", "es", "tipo de volumen raíz: gp3 · tamaño del volumen raíz (GiB): 8"],
    ["root-volume", "en", "root volume type: gp3 · root volume size (GiB): 8"],
    ["flask-app", "es", "GET / → 200 «Index!» · GET /members → 200 «Members» · GET /hello/calificar/ → 200 «Hello calificar!»"],
    ["ssh-restricted", "es", "203.0.113.7/32"],
    ["key-pair", "en", "labsuser"],
  ] as const)("%s (%s) in words, never raw JSON or markup", (id, lang, found) => {
    const result = grade(snapshotOf([instance("i-000000000000000fa", "mi-servidor")]), { lang });
    expect(check(result, id)).toMatchObject({ status: "passed", found });
    expect(check(result, id).message).toContain(found);
  });
});

describe("errors are data", () => {
  it("turns a denied listing into an error on every check, and the result is ungradable", () => {
    for (const lang of ["es", "en"] as const) {
      const result = grade(snapshotOf([], { errors: [denied("ec2:DescribeInstances")] }), { lang });
      expect(result.ungradable).toBe(true);
      expect(result.passed).toBe(false);
      expect(result.score).toBe(0);
      expect(result.resource).toBeNull();
      for (const c of result.checks) {
        expect(c.status, c.id).toBe("error");
        expect(c.message).toContain("ec2:DescribeInstances");
        expect(c.message).toContain(lang === "es" ? "falta el permiso" : "the permission");
      }
      expect(result.errors).toEqual([denied("ec2:DescribeInstances")]);
    }
  });

  it("ignores a denial in another region: it is not the graded region's", () => {
    const result = grade(snapshotOf([instance("i-0000000000000007a", "buena")], { errors: [denied("ec2:DescribeInstances", "eu-west-1")] }));
    expect(result.ungradable).toBe(false);
    expect(result.resource!.id).toBe("i-0000000000000007a");
    expect(result.passed).toBe(true);
  });

  it("makes only the checks that need a denied action errors, and never scores them as failures", () => {
    const result = grade(snapshotOf([instance("i-0000000000000008a", "buena")], { errors: [denied("ec2:DescribeSecurityGroups")] }));
    expect(statusOf(result)).toMatchObject({ "ssh-restricted": "error", "port-5000-open": "error", "instance-type": "passed", "flask-app": "passed" });
    expect(result.ungradable).toBe(false);
    // ssh-restricted is required: an error there blocks the pass, with the permission to add named.
    expect(result.passed).toBe(false);
    expect(check(result, "ssh-restricted")).toMatchObject({ points: 0, found: null });
    expect(check(result, "ssh-restricted").hint).toBeTruthy();
  });

  it("says a throttled call in words, naming the action", () => {
    const throttled: CallError = { action: "ec2:DescribeVolumes", code: "RequestLimitExceeded", kind: "throttled", message: "Request limit exceeded.", region: "us-east-1" };
    const result = grade(snapshotOf([instance("i-0000000000000009a", "buena")], { errors: [throttled] }));
    expect(check(result, "root-volume")).toMatchObject({ status: "error" });
    expect(check(result, "root-volume").message).toContain("AWS limitó las llamadas a ec2:DescribeVolumes (RequestLimitExceeded)");
  });

  it("makes a probe timeout on one instance an error of that instance only", () => {
    const result = grade(
      snapshotOf([instance("i-000000000000000aa", "lenta", { errors: [PROBE_TIMEOUT] }), instance("i-000000000000000ab", "otra", { instanceType: "t3.small" })]),
      { select: "lenta" },
    );
    expect(check(result, "flask-app").status).toBe("error");
    const other = grade(snapshotOf([instance("i-000000000000000ab", "otra")]));
    expect(check(other, "flask-app").status).toBe("passed");
  });
});

describe("skipped checks", () => {
  it("skips what needs a probe when probes were turned off, and earns no points for it", () => {
    for (const lang of ["es", "en"] as const) {
      const result = grade(snapshotOf([instance("i-000000000000000ba", "buena")], { skipped: [{ action: "http:GET", reason: "--no-probe" }] }), { lang });
      const app = check(result, "flask-app");
      expect(app).toMatchObject({ status: "skipped", points: 0, maxPoints: 3, found: null, hint: null });
      expect(app.message).toBe(lang === "es" ? "omitida: --no-probe" : "skipped: --no-probe");
      expect(result.score).toBe(MAX - 3);
      expect(result.maxScore).toBe(MAX);
      // flask-app is required: skipping it must not be a way to pass.
      expect(result.passed).toBe(false);
      expect(Object.values(statusOf(result)).filter((s) => s !== "skipped").every((s) => s === "passed")).toBe(true);
    }
  });
});

describe("pass mark and required checks", () => {
  // lab-ec2: 13 points, pass mark 70% (9.1 points).
  it.each([
    ["all points", {}, true],
    ["10/13 (76.9 %), required checks passed", { instanceType: "t3.small", keyName: null, elasticIp: null }, true],
    ["9/13 (69.2 %), just under the mark", { instanceType: "t3.small", keyName: null, elasticIp: null, rootVolume: null }, false],
    ["11/13 (84.6 %) but SSH open to the world (required)", WORLD_SSH, false],
    ["10/13 (76.9 %) but the app does not answer (required)", { probes: { web: [] } }, false],
    ["11/13 (84.6 %) but stopped (required)", { state: "stopped" }, false],
  ] as const)("%s → passed=%s", (_label, facts, passed) => {
    const result = grade(snapshotOf([instance("i-000000000000000ca", "mi-servidor", facts)]));
    expect(result.passed).toBe(passed);
    expect(result.passMark).toBe(70);
  });

  it("passes exactly at the pass mark", () => {
    const half: Lab = {
      ...lab,
      passMark: 50,
      checks: [lab.checks.find((c) => c.id === "instance-type")!, lab.checks.find((c) => c.id === "key-pair")!],
    };
    const result = grade(snapshotOf([instance("i-000000000000000da", "mi-servidor", { keyName: null })]), { lab: half });
    expect(result).toMatchObject({ score: 1, maxScore: 2, passed: true });
  });
});

describe("the result", () => {
  const cases: [string, Snapshot][] = [
    ["a passing account", snapshotOf([instance("i-000000000000000ea", "buena"), instance("i-000000000000000eb", "prueba", { state: "stopped", probes: {} })])],
    ["an empty region with the instance elsewhere", snapshotOf([], { elsewhere: [{ region: "eu-west-1", count: 1, ids: ["i-0eu0000000000000a"] }] })],
    ["a denied listing", snapshotOf([], { errors: [denied("ec2:DescribeInstances")] })],
    ["probes turned off", snapshotOf([instance("i-000000000000000ec", "buena")], { skipped: [{ action: "http:GET", reason: "--no-probe" }] })],
    ["an unknown account", { ...snapshotOf([instance("i-000000000000000ed", "buena", WORLD_SSH)]), account: null }],
  ];

  it.each(cases)("validates against schemas/report.schema.json for %s", (_label, snapshot) => {
    for (const lang of ["es", "en"] as const) {
      const report = toReport(grade(snapshot, { lang }), "0.0.0-test");
      expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
      expect(report).toMatchObject({ schemaVersion: 1, tool: { name: "calificar", version: "0.0.0-test" }, lang });
    }
  });

  it("is the same for the same input, and leaves the snapshot untouched", () => {
    const snapshot = cases[0]![1];
    const frozen = deepFreeze(structuredClone(snapshot));
    const first = grade(frozen);
    expect(grade(structuredClone(snapshot))).toEqual(first);
    expect(frozen).toEqual(snapshot);
  });

  describe("reads no clock", () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    it("takes generatedAt from `now`, whatever the system time", () => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date("2031-01-01T00:00:00Z"));
      const early = grade(cases[0]![1]);
      vi.setSystemTime(new Date("2035-06-15T12:00:00Z"));
      const late = grade(cases[0]![1]);
      expect(early.generatedAt).toBe("2026-11-28T10:30:00.000Z");
      expect(late).toEqual(early);
      expect(early.collectedAt).toBe(cases[0]![1].collectedAt);
    });
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe("probe answers, in either snapshot format", () => {
  const lab = readLab("lab-ec2");
  const now = new Date("2026-11-28T10:00:00Z");
  const timedOut = { ...SERVER, errors: [PROBE_TIMEOUT] };

  it.each([
    ["answers", SERVER],
    ["a timeout", timedOut],
  ])("grades %s the same from format 2 (snapshot.probes by id) and format 1 (on the candidate)", (_, candidate) => {
    const v2 = snapshotWith(lab, candidate);
    expect(v2.probes?.[SERVER.instanceId]).toBeDefined();
    const v1: Snapshot = { ...v2, schemaVersion: 1, probes: undefined, facts: { ec2: { instances: [candidate] } } };
    delete v1.probes;
    const graded = (s: Snapshot) => evaluate(lab, s, { lang: "es", now }).checks.map((c) => [c.id, c.status, c.message]);
    expect(graded(v1)).toEqual(graded(v2));
    expect(graded(v2).find(([id]) => id === "flask-app")?.[1]).toBe(candidate === SERVER ? "passed" : "error");
  });

  it("keeps probe answers of a list that builds new objects (they are keyed by the candidate's id, not written into facts)", () => {
    const remapped: Lab = { ...lab, resource: { ...lab.resource, list: "instances[].{instanceId: instanceId, state: state, publicIpAddress: publicIpAddress, name: name}" } };
    const snapshot = snapshotWith(lab, SERVER);
    const flask = evaluate(remapped, snapshot, { lang: "es", now }).checks.find((c) => c.id === "flask-app");
    expect(flask?.status).toBe("passed");
  });
});

describe("a resource option that names nothing there (--instance, --function, --bucket, --environment)", () => {
  it.each([
    ["lab-ec2", { ...SERVER, instanceId: "i-0f3a9c2b7d1e45a60", name: "mi-servidor" }, "--instance mi-servidor", "mi-servidor (i-0f3a9c2b7d1e45a60)"],
    ["lab-lambda", FUNCTION, "--function mi-funcion", "mi-funcion"],
    ["lab-s3", BUCKET, `--bucket ${BUCKET.name}`, BUCKET.name],
    ["lab-beanstalk", ENVIRONMENT, "--environment mi-app-env", `mi-app-env (${ENVIRONMENT.environmentId})`],
  ] as const)("%s names what exists and how to pick it, never how to create one", (labId, candidate, option, shown) => {
    const lab = readLab(labId);
    for (const lang of ["es", "en"] as const) {
      const result = evaluate(lab, snapshotWith(lab, candidate), { lang, now: NOW, select: "noexiste" });
      expect(result.notes).toHaveLength(1);
      expect(result.notes[0]).toContain(shown);
      expect(result.notes[0]).toContain(option);
      if (lab.resource.missing) expect(result.notes[0]).not.toContain(lab.resource.missing[lang]);
      expect(result.checks.filter((c) => c.maxPoints > 0).every((c) => c.status === "skipped" && c.hint === null)).toBe(true);
    }
  });
});
