import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dashboardData, dashboardView, jsonForScript, renderDashboard } from "../../src/class/dashboard.js";
import { mergeClass, type ClassSummary } from "../../src/class/merge.js";
import { classReport, notGraded, randomClass, student } from "./fixtures.js";

function smallClass(): ClassSummary {
  return mergeClass([
    {
      source: "informes",
      reports: [
        classReport({ student: student("ana", { name: "Ana </script><!-- & García" }), statuses: { "ssh-restricted": "failed" } }),
        classReport({ student: student("luis", { name: "Luis" }) }),
      ],
      notGraded: [{ ...notGraded("eva"), why: { es: "rol <b>denegado</b> & más", en: "role <b>denied</b> & more" } }],
    },
  ]);
}

describe("jsonForScript", () => {
  it.each([
    ["a closing script tag", "</script><script>alert(1)</script>"],
    ["an HTML comment opener", "<!-- x"],
    ["ampersands and angle brackets", "a & b > c < d"],
    ["line and paragraph separators", "a\u2028b\u2029c"],
    ["quotes and backslashes", 'say "hi" \\ bye'],
  ])("keeps %s inert and intact", (_, text) => {
    const json = jsonForScript({ text, list: [text] });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ text, list: [text] });
  });
});

describe("renderDashboard, as written", () => {
  it.each(["es", "en"] as const)("is one self-contained page that asks for nothing (%s)", (lang) => {
    const html = renderDashboard(smallClass(), lang);
    expect(html.startsWith("<!doctype html>\n")).toBe(true);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/<(link|img|iframe|object|embed|video|audio|source|base|form)\b/i);
    expect(html).not.toMatch(/\b(src|href|srcset|action|poster|formaction)\s*=/i);
    expect(html).not.toMatch(/url\(|@import|@font-face|https?:\/\//i);
    // Two script elements: the data block and the inline script; a student's </script> is escaped.
    expect(html.match(/<script\b/gi)).toHaveLength(2);
    expect(html.match(/<\/script>/gi)).toHaveLength(2);
  });

  it("forbids every request in its Content-Security-Policy and allows its own script and style by hash", () => {
    const html = renderDashboard(smallClass(), "es");
    const attribute = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    // As the browser reads the attribute: character references decoded.
    const csp = attribute.replace(/&#x([0-9a-f]+);|&#(\d+);/gi, (_, hex: string | undefined, dec: string | undefined) =>
      String.fromCodePoint(hex ? parseInt(hex, 16) : Number(dec)),
    );
    expect(csp).toContain("default-src 'none'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(csp).toContain(`script-src ${hash(script)}`);
    expect(csp).toContain(`style-src ${hash(style)}`);
    expect(csp).not.toContain("unsafe-inline");
  });

  it("escapes what students and runs wrote in the HTML part", () => {
    const html = renderDashboard(smallClass(), "es");
    expect(html).toContain("rol &lt;b&gt;denegado&lt;&#x2F;b&gt; &amp; más");
    expect(html).not.toContain("<b>");
  });

  it.each([
    ["es", ["Tablero de la clase", "Alumnos calificados", "Alumnos sin calificar", "Distribución de notas"]],
    ["en", ["Class dashboard", "Graded students", "Students not graded", "Score distribution"]],
  ] as const)("speaks %s", (lang, phrases) => {
    const html = renderDashboard(smallClass(), lang);
    for (const phrase of phrases) expect(html).toContain(phrase);
  });
});

describe("dashboardView", () => {
  it.each([
    ["es", "50 %", "Aprueban"],
    ["en", "50%", "Pass rate"],
  ] as const)("formats rates for %s", (lang, rate, label) => {
    const view = dashboardView(smallClass(), lang);
    expect(view.cards.find((c) => c.label === label)!.value.replace(/\s/g, " ")).toBe(rate);
    expect(view.checks.find((c) => c.id === "ssh-restricted")!.rate.replace(/\s/g, " ")).toBe(rate);
  });

  it("sizes the histogram's bars against the fullest bucket, and check bars as pass rates", () => {
    const summary = mergeClass([
      {
        source: "x",
        reports: [
          classReport({ student: student("a"), statuses: { "ssh-restricted": "failed" } }), // 84.6 %
          classReport({ student: student("b") }),
          classReport({ student: student("c") }),
          classReport({ student: student("d"), statuses: { "ssh-restricted": "failed", "flask-app": "failed" } }), // 61.5 %
        ],
        notGraded: [],
      },
    ]);
    const view = dashboardView(summary, "es");
    expect(view.histogram.map((b) => b.width)).toEqual([0, 0, 0, 0, 0, 0, 50, 0, 50, 100]);
    expect(view.checks.find((c) => c.id === "ssh-restricted")!.width).toBe(50);
    expect(view.checks.find((c) => c.id === "flask-app")!.width).toBe(75);
    expect(view.checks.find((c) => c.id === "key-pair")!.width).toBe(100);
  });

  it("lists the students not graded with the reason in the page's language", () => {
    expect(dashboardView(smallClass(), "en").notGraded).toEqual([{ id: "eva", name: "Nombre eva", why: "role <b>denied</b> & more" }]);
  });
});

describe("dashboardData", () => {
  it("carries every graded student's checks, each string once", () => {
    const { reports } = randomClass(200, 3);
    const summary = mergeClass([{ source: "x", reports, notGraded: [] }]);
    const data = dashboardData(summary, "es");
    expect(data.students).toHaveLength(summary.graded);
    const refs = data.students.flatMap((s) => s.checks.flatMap((c) => c.slice(4) as number[])).filter((i) => i >= 0);
    expect(new Set(data.strings).size).toBe(data.strings.length);
    expect(data.strings.length).toBeLessThan(refs.length / 10);
    // Decoding gives back each report's own words.
    const first = summary.entries.find((e) => e.kind === "graded")!;
    const decoded = data.students[0]!.checks.map(([i, status, points, max, message, expected, found, hint]) => ({
      id: data.checks[i]!.id,
      status,
      points,
      maxPoints: max,
      message: data.strings[message],
      expected: expected < 0 ? null : data.strings[expected],
      found: found < 0 ? null : data.strings[found],
      hint: hint < 0 ? null : data.strings[hint],
    }));
    expect(decoded).toEqual(first.report!.checks.map(({ id, status, points, maxPoints, message, expected, found, hint }) => ({ id, status, points, maxPoints, message, expected, found, hint })));
  });

  it("leaves students not graded out of the table's data", () => {
    expect(dashboardData(smallClass(), "es").students.map((s) => s.id)).toEqual(["ana", "luis"]);
  });
});
