import { describe, expect, it } from "vitest";
import type { Result } from "../../src/core/result.js";
import { escapeXml, renderJunit, renderJunitSuites } from "../../src/report/junit.js";
import { allResults, failedLab, passedLab, trickyResult, troubledLab } from "./fixtures.js";
import { parseXml, type XmlElement } from "./xml.js";

/**
 * The element and attribute structure of the JUnit XML schemas CI tools validate against:
 * Jenkins' junit-4.xsd (dtkit, the "common JUnit XML schema") and junit-10.xsd of the Jenkins
 * xunit plugin (jenkinsci/xunit-plugin, src/main/resources/.../xsd/junit-10.xsd). Where they
 * differ, the stricter rule: attributes allowed by both, required by either; children in
 * junit-4's order. `children` is a sequence of [element, min, max].
 */
interface Rule {
  attrs: Record<string, "required" | "optional">;
  children: [string, number, number][];
  text: boolean;
}
const MANY = Number.POSITIVE_INFINITY;
const JUNIT: Record<string, Rule> = {
  testsuites: {
    attrs: { name: "optional", time: "optional", tests: "optional", failures: "optional", errors: "optional" },
    children: [["testsuite", 0, MANY]],
    text: false,
  },
  testsuite: {
    attrs: {
      name: "required", tests: "required", failures: "required", errors: "required", time: "optional",
      skipped: "optional", timestamp: "optional", hostname: "optional", id: "optional", package: "optional",
    },
    children: [["properties", 0, 1], ["testcase", 0, MANY], ["system-out", 0, 1], ["system-err", 0, 1]],
    text: false,
  },
  // junit-4: properties holds one or more property.
  properties: { attrs: {}, children: [["property", 1, MANY]], text: false },
  property: { attrs: { name: "required", value: "required" }, children: [], text: false },
  testcase: {
    attrs: { name: "required", time: "optional", classname: "optional" },
    children: [["skipped", 0, 1], ["error", 0, MANY], ["failure", 0, MANY], ["system-out", 0, MANY], ["system-err", 0, MANY]],
    text: false,
  },
  failure: { attrs: { type: "optional", message: "optional" }, children: [], text: true },
  error: { attrs: { type: "optional", message: "optional" }, children: [], text: true },
  // junit-4: <skipped> is a plain string, no attributes.
  skipped: { attrs: {}, children: [], text: true },
  "system-out": { attrs: {}, children: [], text: true },
  "system-err": { attrs: {}, children: [], text: true },
};
// junit-10's SUREFIRE_TIME, for testsuite/testsuites@time.
const TIME = /^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$/;

/** Every way `node` breaks the rules above, as readable strings (empty when valid). */
function violations(node: XmlElement, path = node.name): string[] {
  const rule = JUNIT[node.name];
  if (!rule) return [`${path}: unknown element`];
  const found: string[] = [];
  for (const [name, use] of Object.entries(rule.attrs)) {
    if (use === "required" && !(name in node.attrs)) found.push(`${path}: missing @${name}`);
  }
  for (const name of Object.keys(node.attrs)) if (!(name in rule.attrs)) found.push(`${path}: @${name} not allowed`);
  if ((node.name === "testsuite" || node.name === "testsuites") && node.attrs["time"] && !TIME.test(node.attrs["time"])) {
    found.push(`${path}: @time ${node.attrs["time"]}`);
  }
  if (!rule.text && node.text.trim()) found.push(`${path}: text not allowed`);
  let i = 0;
  for (const [name, min, max] of rule.children) {
    let n = 0;
    while (node.children[i]?.name === name) (i++, n++);
    if (n < min || n > max) found.push(`${path}: ${n} <${name}> (allowed ${min}..${max})`);
  }
  if (i < node.children.length) found.push(`${path}: <${node.children[i]!.name}> not allowed here`);
  return [...found, ...node.children.flatMap((child, k) => violations(child, `${path}/${child.name}[${k}]`))];
}

const count = (result: Result, status: string) => String(result.checks.filter((c) => c.status === status).length);

describe("junit report", () => {
  it.each(allResults())("%s is well-formed and valid against the JUnit schema", async (_, result) => {
    const xml = await renderJunit(result);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const root = parseXml(xml);
    expect(violations(root)).toEqual([]);
    expect(root.name).toBe("testsuites");
    expect(root.children).toHaveLength(1);

    const suite = root.children[0]!;
    expect(suite.attrs).toMatchObject({
      name: result.lab.id,
      tests: String(result.checks.length),
      failures: count(result, "failed"),
      errors: count(result, "error"),
      skipped: count(result, "skipped"),
      timestamp: "2026-11-28T10:00:00",
    });
    expect(root.attrs).toMatchObject({ tests: suite.attrs["tests"], failures: suite.attrs["failures"], errors: suite.attrs["errors"] });

    const cases = suite.children.filter((c) => c.name === "testcase");
    expect(cases).toHaveLength(result.checks.length);
    result.checks.forEach((check, i) => {
      const testcase = cases[i]!;
      expect(testcase.attrs).toEqual({ classname: result.lab.id, name: `${check.id}: ${check.title}`, time: "0" });
      const kinds = testcase.children.map((c) => c.name).filter((n) => n !== "system-out");
      expect(kinds).toEqual({ passed: [], failed: ["failure"], error: ["error"], skipped: ["skipped"] }[check.status]);
      const outcome = testcase.children.find((c) => c.name !== "system-out");
      if (check.status === "failed" || check.status === "error") {
        expect(outcome!.attrs["message"]).toBe(check.message);
        const body = outcome!.text.split("\n");
        const say = (es: string, en: string) => (result.lang === "es" ? es : en);
        if (check.expected) expect(body).toContain(`${say("Se esperaba", "Expected")}: ${check.expected}`);
        if (check.status === "failed") expect(body).toContain(`${say("Se encontró", "Found")}: ${check.found ?? say("nada", "nothing")}`);
        if (check.hint) expect(body).toContain(`${say("Cómo arreglarlo", "How to fix")}: ${check.hint.split("\n")[0]}`);
      }
      if (check.status === "skipped") expect(outcome!.text).toBe(check.message);
    });
  });

  it("gives a failure expected and found, an error the missing permission, a skip its reason", async () => {
    const root = parseXml(await renderJunit(troubledLab("en")));
    const byId = (id: string) => root.children[0]!.children.find((c) => c.attrs["name"]?.startsWith(`${id}:`))!;
    const ssh = byId("ssh-restricted").children[0]!;
    expect(ssh.name).toBe("failure");
    expect(ssh.text).toContain("Found: 0.0.0.0/0");
    const volume = byId("root-volume").children[0]!;
    expect(volume.name).toBe("error");
    expect(volume.attrs["message"]).toContain("ec2:DescribeVolumes");
    expect(byId("flask-app").children[0]).toMatchObject({ name: "skipped", text: "skipped: --no-probe" });
    expect(byId("instance-type").children.map((c) => c.name)).toEqual(["system-out"]);
  });

  it("points repository findings at file:line and keeps <, &, quotes and | intact", async () => {
    const result = trickyResult();
    const xml = await renderJunit(result);
    const suite = parseXml(xml).children[0]!;
    const autoscaling = suite.children.find((c) => c.attrs["name"]?.startsWith("ebextensions-autoscaling:"))!;
    expect(autoscaling.attrs["name"]).toBe("ebextensions-autoscaling: `.ebextensions` fija MinSize 2 | MaxSize 5");
    expect(autoscaling.children[0]!.attrs["message"]).toBe(`MinSize: se esperaba 2, se encontró "1" | <min> & 'otro'`);
    expect(autoscaling.children[0]!.text).toContain("Archivo: .ebextensions/autoscaling.config:4");
    expect(autoscaling.children[0]!.text).toContain("<script>alert(1)</script>\nLuego: git commit && git push");
    const properties = Object.fromEntries(suite.children[0]!.children.map((p) => [p.attrs["name"], p.attrs["value"]]));
    expect(properties).toMatchObject({ "lab.title": result.lab.title, score: "3", maxScore: "12", passed: "false" });
    expect(xml).not.toContain("<script>");
  });

  it("puts several labs in one file, one <testsuite> each, with totals", async () => {
    const root = parseXml(await renderJunitSuites([passedLab("es"), failedLab("es"), troubledLab("es")]));
    expect(violations(root)).toEqual([]);
    expect(root.children.map((s) => [s.attrs["id"], s.attrs["failures"], s.attrs["errors"]])).toEqual([
      ["0", "0", "0"],
      ["1", "2", "0"],
      ["2", "1", "1"],
    ]);
    expect(root.attrs).toMatchObject({ tests: "27", failures: "3", errors: "1" });
  });

  it("drops characters XML cannot hold", () => {
    expect(escapeXml("a\u0000b\u001bc\td\ne & <f> \"g\" 'h'")).toBe("abc\td\ne &amp; &lt;f&gt; &quot;g&quot; &apos;h&apos;");
  });

  it("has a validator that rejects what the schema rejects", () => {
    const bad = (xml: string) => violations(parseXml(xml));
    expect(bad('<testsuites><testsuite name="x" tests="1" failures="0" errors="0"><testcase name="a" file="f"/></testsuite></testsuites>')).toEqual([
      "testsuites/testsuite[0]/testcase[0]: @file not allowed",
    ]);
    expect(bad('<testsuite name="x" tests="1"><testcase name="a"><failure/><skipped/></testcase></testsuite>')).toEqual([
      "testsuite: missing @failures",
      "testsuite: missing @errors",
      "testsuite/testcase[0]: <skipped> not allowed here",
    ]);
    expect(bad('<testsuite name="x" tests="1" failures="0" errors="0"><properties/><testcase/></testsuite>')).toEqual([
      "testsuite/properties[0]: 0 <property> (allowed 1..Infinity)",
      "testsuite/testcase[1]: missing @name",
    ]);
    expect(() => parseXml("<a><b></a></b>")).toThrow();
    expect(() => parseXml('<a x="1 & 2"/>')).toThrow();
    expect(() => parseXml('<a x="<"/>')).toThrow();
  });
});
