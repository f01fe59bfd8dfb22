import { describe, expect, it } from "vitest";
import { ClassMergeError, histogram, mergeClass, type ClassFolder } from "../../src/class/merge.js";
import { classReport, EC2_CHECKS, notGraded, randomClass, student } from "./fixtures.js";

const folder = (source: string, over: Partial<ClassFolder> = {}): ClassFolder => ({ source, reports: [], notGraded: [], ...over });

describe("mergeClass: one record per student", () => {
  it("keeps the newest report of a student found in two folders, and reports the conflict", () => {
    const older = classReport({ student: student("ana"), statuses: { "flask-app": "failed" }, generatedAt: "2026-11-28T10:00:00Z" });
    const newer = classReport({ student: student("ana"), generatedAt: "2026-11-28T12:00:00Z" });
    const summary = mergeClass([folder("shard-1", { reports: [newer] }), folder("shard-2", { reports: [older] })]);
    expect(summary.size).toBe(1);
    expect(summary.entries[0]).toMatchObject({ kind: "graded", source: "shard-1", percent: 100 });
    expect(summary.conflicts).toEqual([
      {
        student: "ana",
        kept: { source: "shard-1", generatedAt: "2026-11-28T12:00:00Z", graded: true },
        dropped: [{ source: "shard-2", generatedAt: "2026-11-28T10:00:00Z", graded: true }],
      },
    ]);
  });

  it.each<[string, ClassFolder[], { kind: string; source: string }]>([
    [
      "a later retry that graded a student who had failed to connect",
      [folder("run", { notGraded: [notGraded("ana", "2026-11-28T10:00:00Z")] }), folder("retry", { reports: [classReport({ student: student("ana"), generatedAt: "2026-11-28T11:00:00Z" })] })],
      { kind: "graded", source: "retry" },
    ],
    [
      "a later run that could not reach a student graded before",
      [folder("run", { reports: [classReport({ student: student("ana"), generatedAt: "2026-11-28T10:00:00Z" })] }), folder("retry", { notGraded: [notGraded("ana", "2026-11-28T11:00:00Z")] })],
      { kind: "not-graded", source: "retry" },
    ],
    [
      "a tie in time: the graded report wins",
      [folder("a", { notGraded: [notGraded("ana")] }), folder("b", { reports: [classReport({ student: student("ana") })] })],
      { kind: "graded", source: "b" },
    ],
    [
      "a tie between two reports: the first folder given wins",
      [folder("a", { reports: [classReport({ student: student("ana") })] }), folder("b", { reports: [classReport({ student: student("ana") })] })],
      { kind: "graded", source: "a" },
    ],
    [
      "an unreadable date loses to any date",
      [folder("a", { reports: [classReport({ student: student("ana"), generatedAt: "ayer" })] }), folder("b", { reports: [classReport({ student: student("ana"), generatedAt: "2020-01-01T00:00:00Z" })] })],
      { kind: "graded", source: "b" },
    ],
  ])("%s", (_, folders, kept) => {
    const summary = mergeClass(folders);
    expect(summary.entries).toHaveLength(1);
    expect(summary.entries[0]).toMatchObject(kept);
    expect(summary.conflicts).toHaveLength(1);
  });

  it("lists students by id, graded or not, and says nothing of conflicts when there are none", () => {
    const summary = mergeClass([
      folder("1", { reports: [classReport({ student: student("luis") })], notGraded: [notGraded("eva")] }),
      folder("2", { reports: [classReport({ student: student("ana") })] }),
    ]);
    expect(summary.entries.map((e) => [e.student.id, e.kind])).toEqual([
      ["ana", "graded"],
      ["eva", "not-graded"],
      ["luis", "graded"],
    ]);
    expect(summary.conflicts).toEqual([]);
  });

  it("counts a report where nothing could be checked as not graded, keeping the report", () => {
    const summary = mergeClass([folder("1", { reports: [classReport({ student: student("ana"), ungradable: true })] })]);
    expect(summary).toMatchObject({ size: 1, graded: 0, notGraded: 1, passRate: null });
    const [entry] = summary.entries;
    expect(entry!.kind).toBe("not-graded");
    expect(entry!.kind === "not-graded" && entry!.report?.student.id).toBe("ana");
    expect(entry!.kind === "not-graded" && entry!.why.en).toContain("ec2:DescribeVolumes UnauthorizedOperation");
  });

  it("refuses to merge reports of different labs", () => {
    const ec2 = classReport({ student: student("ana") });
    const s3 = classReport({ student: student("luis"), lab: { id: "lab-s3", title: "S3" } });
    expect(() => mergeClass([folder("a", { reports: [ec2] }), folder("b", { reports: [s3] })])).toThrow(ClassMergeError);
    expect(() => mergeClass([folder("a", { reports: [ec2, s3] })])).toThrow(
      expect.objectContaining({ text: expect.objectContaining({ es: expect.stringContaining("lab-ec2, lab-s3") }) }),
    );
  });

  it("gives an empty class when the folders are empty", () => {
    expect(mergeClass([folder("vacía")])).toMatchObject({ lab: null, period: null, size: 0, graded: 0, passRate: null, checks: [], mostFailed: [], entries: [] });
  });
});

describe("mergeClass: statistics", () => {
  // Four graded students and one not graded, worked out by hand (13 points, pass mark 70 % and the required checks).
  const summary = mergeClass([
    folder("1", {
      reports: [
        classReport({ student: student("a"), generatedAt: "2026-11-28T09:00:00Z" }), // 13/13 100 % passed
        classReport({ student: student("b"), statuses: { "elastic-ip": "failed" } }), // 12/13 92.3 % passed
        classReport({ student: student("c"), statuses: { "ssh-restricted": "failed", "elastic-ip": "failed" } }), // 10/13 76.9 %, required failed
        classReport({ student: student("d"), statuses: { "flask-app": "failed", "ssh-restricted": "failed", "root-volume": "error", "port-5000-open": "skipped" }, generatedAt: "2026-11-28T11:30:00Z" }), // 6/13 46.2 %
      ],
      notGraded: [notGraded("e")],
    }),
  ]);

  it("counts the class", () => {
    expect(summary).toMatchObject({ lab: { id: "lab-ec2", title: "Un servidor en EC2" }, size: 5, graded: 4, notGraded: 1, passed: 2, passRate: 0.5 });
    expect(summary.period).toEqual({ first: "2026-11-28T09:00:00Z", last: "2026-11-28T11:30:00Z" });
  });

  it("spreads scores over ten buckets of ten points", () => {
    expect(summary.histogram.map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 9, 0], [10, 19, 0], [20, 29, 0], [30, 39, 0], [40, 49, 1],
      [50, 59, 0], [60, 69, 0], [70, 79, 1], [80, 89, 0], [90, 100, 2],
    ]);
  });

  it("gives each check's outcomes in the lab's order, error and skipped apart", () => {
    expect(summary.checks.map((c) => c.id)).toEqual(EC2_CHECKS.map((c) => c.id));
    const stats = Object.fromEntries(summary.checks.map((c) => [c.id, [c.withCheck, c.passed, c.failed, c.error, c.skipped, c.passRate]]));
    expect(stats["ssh-restricted"]).toEqual([4, 2, 2, 0, 0, 0.5]);
    expect(stats["elastic-ip"]).toEqual([4, 2, 2, 0, 0, 0.5]);
    expect(stats["flask-app"]).toEqual([4, 3, 1, 0, 0, 0.75]);
    expect(stats["root-volume"]).toEqual([4, 3, 0, 1, 0, 0.75]);
    expect(stats["port-5000-open"]).toEqual([4, 3, 0, 0, 1, 0.75]);
    expect(stats["instance-running"]).toEqual([4, 4, 0, 0, 0, 1]);
  });

  it("names the three checks failed most, none that nobody failed", () => {
    expect(summary.mostFailed.map((c) => c.id)).toEqual(["elastic-ip", "ssh-restricted", "flask-app"]);
    const fewFailures = mergeClass([folder("1", { reports: [classReport({ student: student("a"), statuses: { "key-pair": "failed" } })] })]);
    expect(fewFailures.mostFailed.map((c) => c.id)).toEqual(["key-pair"]);
  });

  it("lists each graded student's percentage and failed checks", () => {
    const d = summary.entries.find((e) => e.student.id === "d")!;
    expect(d).toMatchObject({ kind: "graded", percent: 46.2, failedChecks: ["ssh-restricted", "flask-app"] });
  });

  it("takes check titles from the newest report", () => {
    const renamed = EC2_CHECKS.map((c) => (c.id === "elastic-ip" ? { ...c, title: "IP elástica (nuevo título)" } : c));
    const merged = mergeClass([
      folder("1", {
        reports: [
          classReport({ student: student("a"), generatedAt: "2026-11-28T09:00:00Z" }),
          classReport({ student: student("b"), generatedAt: "2026-11-28T10:00:00Z", checks: renamed }),
        ],
      }),
    ]);
    expect(merged.checks.find((c) => c.id === "elastic-ip")!.title).toBe("IP elástica (nuevo título)");
  });

  it.each<[number[], number[]]>([
    [[0, 9.99, 10, 55, 69.9, 70, 99.9, 100], [2, 1, 0, 0, 0, 1, 1, 1, 0, 2]],
    [[], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
  ])("histogram(%j)", (percents, counts) => {
    expect(histogram(percents).map((b) => b.count)).toEqual(counts);
  });

  it("adds up over a generated class of 200", () => {
    const { reports, notGraded: skipped } = randomClass(200, 7);
    const merged = mergeClass([folder("1", { reports: reports.slice(0, 120), notGraded: skipped }), folder("2", { reports: reports.slice(120) })]);
    expect(merged.size).toBe(200);
    expect(merged.graded + merged.notGraded).toBe(200);
    expect(merged.histogram.reduce((sum, b) => sum + b.count, 0)).toBe(merged.graded);
    for (const check of merged.checks) expect(check.passed + check.failed + check.error + check.skipped).toBe(check.withCheck);
    expect(merged.passed).toBe(reports.filter((r) => r.passed).length);
  });
});
