import { describe, expect, it } from "vitest";
import type { CheckStatus, Result } from "../../src/core/result.js";
import { escapeMarkdown, renderMarkdown } from "../../src/report/md.js";
import { allResults, failedLab, passedLab, trickyResult, troubledLab } from "./fixtures.js";

const WORD: Record<"es" | "en", Record<CheckStatus, string>> = {
  es: { passed: "correcta", failed: "incorrecta", error: "no se pudo comprobar", skipped: "omitida" },
  en: { passed: "passed", failed: "failed", error: "could not check", skipped: "skipped" },
};
const ICON: Record<CheckStatus, string> = { passed: "✅", failed: "❌", error: "⚠️", skipped: "⏭️" };

/** What GitHub shows for an escaped value: character references decoded, <br> as a line break. */
function shown(markdown: string): string {
  return markdown
    .replace(/<br>/g, "\n")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&(amp|lt|gt|quot);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"' })[name]!);
}

/** The rows of the checks table: GFM splits cells at every raw "|". */
function tableRows(markdown: string): string[][] {
  const lines = markdown.split("\n");
  const header = lines.findIndex((l) => l.startsWith("| ") && lines[lines.indexOf(l) + 1]?.startsWith("|:--"));
  expect(header).toBeGreaterThan(0);
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    expect(line.endsWith(" |")).toBe(true);
    rows.push(line.slice(1, -1).split("|").map((cell) => cell.trim()));
  }
  return rows;
}

/** The <details> blocks: summary line and the list items under it. */
function folds(markdown: string): { summary: string; items: string[] }[] {
  return [...markdown.matchAll(/<details>\n<summary>(.*)<\/summary>\n\n([\s\S]*?)\n\n<\/details>/g)].map((m) => ({
    summary: m[1]!,
    items: m[2]!.split("\n").map((l) => (expect(l.startsWith("- ")).toBe(true), l.slice(2))),
  }));
}

describe("md report", () => {
  it.each(allResults())("%s: score line, one row per check, a fold per failure", async (_, result: Result) => {
    const md = await renderMarkdown(result);
    const lang = result.lang;
    const percent = Math.round((result.score / result.maxScore) * 100);
    const verdict = { es: result.passed ? "APROBADO" : "NO APROBADO", en: result.passed ? "PASSED" : "NOT PASSED" }[lang];
    expect(md.split("\n")[0]).toBe(`## ${result.passed ? "✅" : "❌"} ${shownHeading(result)}`);
    expect(md).toContain(`**${lang === "es" ? "Nota" : "Score"}: ${result.score}/${result.maxScore} (${percent}%) · ${verdict}**`);

    const rows = tableRows(md);
    expect(rows).toHaveLength(result.checks.length);
    result.checks.forEach((check, i) => {
      const row = rows[i]!;
      expect(row).toHaveLength(3);
      expect(row[0]).toBe(`${ICON[check.status]} ${WORD[lang][check.status]}`);
      expect(shown(row[1]!)).toContain(`**${check.id}** · ${check.title}`);
      expect(row[2]).toBe(`${check.points}/${check.maxPoints}`);
    });

    const toFix = result.checks.filter((c) => c.status === "failed" || c.status === "error");
    const blocks = folds(md);
    expect(blocks.map((b) => b.summary.split(" · ")[0])).toEqual(toFix.map((c) => `${ICON[c.status]} ${escapeMarkdown(c.id)}`));
    const label = (es: string, en: string) => `**${lang === "es" ? es : en}:** `;
    toFix.forEach((check, i) => {
      const items = blocks[i]!.items.map(shown);
      // «x: se esperaba A, se encontró B» is said once, by the two lines below it.
      const plain = check.status === "failed" && check.expected !== null &&
        check.message.endsWith(lang === "es"
          ? `: se esperaba ${check.expected}, ${check.found === null ? "no se encontró nada" : `se encontró ${check.found}`}`
          : `: expected ${check.expected}, found ${check.found ?? "nothing"}`);
      if (plain) expect(items).not.toContain(check.message);
      else expect(items[0]).toBe(check.message);
      if (check.expected) expect(items).toContain(`${label("Se esperaba", "Expected")}${check.expected}`);
      if (check.status === "failed") {
        const found = check.found ?? (lang === "es" ? "nada" : "nothing");
        expect(items).toContain(`${label("Se encontró", "Found")}${found}`);
      }
      if (check.hint) expect(items).toContain(`${label("Cómo arreglarlo", "How to fix")}${check.hint}`);
    });
  });

  it("marks error with ⚠️ and skipped with ⏭️, and folds only what needs fixing", async () => {
    const md = await renderMarkdown(troubledLab("en"));
    const rows = tableRows(md);
    expect(rows.find((r) => r[1]!.includes("root-volume"))![0]).toBe("⚠️ could not check");
    expect(rows.find((r) => r[1]!.includes("flask-app"))![0]).toBe("⏭️ skipped");
    expect(folds(md).map((b) => b.summary.split(" · ")[0])).toEqual(["⚠️ root-volume", "❌ ssh-restricted"]);
    expect(md).toContain("- **Expected:** gp2 or gp3");
    expect(md).toContain("ec2:DescribeVolumes");
    expect(md).not.toContain("Se esperaba");
  });

  it("says so when everything passed, with no folds", async () => {
    const md = await renderMarkdown(passedLab("es"));
    expect(md).toContain("\nTodas las comprobaciones son correctas.\n");
    expect(md).not.toContain("<details>");
    expect(md).not.toContain("### ");
  });

  it("names the failed required check under the score line", async () => {
    const md = await renderMarkdown(failedLab("es"));
    expect(md).toContain("\n> falta una comprobación obligatoria: ssh-restricted\n");
    expect(md).toContain("\nTambién hay: i-");
  });

  it("keeps repository findings' file:line and special characters literal", async () => {
    const result = trickyResult();
    const md = await renderMarkdown(result);
    const rows = tableRows(md);
    expect(rows).toHaveLength(6);
    expect(shown(rows[1]![1]!)).toBe("**ebextensions-autoscaling** · `.ebextensions` fija MinSize 2 | MaxSize 5 · .ebextensions/autoscaling.config:4");
    expect(shown(rows[4]![1]!)).toBe("**health-green** · Salud «Green»\nse acepta «Ok» & «Green»");
    const secrets = folds(md).find((b) => b.summary.includes("no-committed-secrets"))!;
    // A message starting with "# " or a value starting with "1. " is not a heading or a list.
    expect(secrets.items[0]).toMatch(/^&#35; RDS/);
    expect(secrets.items).toContain("**Se encontró:** 1&#46; config/db.json:12 (RDS&#95;PASSWORD)");
    expect(secrets.items).toContain("**Archivo:** config/db.json:12");
    expect(md).not.toMatch(/<(script|b)>/);
    expect(md).toContain("&lt;script&gt;alert(1)&lt;/script&gt;<br>Luego");
    // Only the template's own headings start a line with "#".
    expect(md.split("\n").filter((l) => l.startsWith("#"))).toEqual([
      `## ❌ ${escapeMarkdown(`Laboratorio lab-beanstalk: ${result.lab.title}`)}`,
      "### Qué falla y cómo arreglarlo",
    ]);
  });
});

function shownHeading(result: Result): string {
  return escapeMarkdown(`${result.lang === "es" ? "Laboratorio" : "Lab"} ${result.lab.id}: ${result.lab.title}`);
}

describe("escapeMarkdown", () => {
  it.each([
    ["a | b", "a &#124; b"],
    ["**bold** _it_ `code` ~~del~~", "&#42;&#42;bold&#42;&#42; &#95;it&#95; &#96;code&#96; &#126;&#126;del&#126;&#126;"],
    ["[link](http://x)", "&#91;link&#93;(http://x)"],
    ["<b>x</b> & y", "&lt;b&gt;x&lt;/b&gt; &amp; y"],
    ['say "hi"', "say &quot;hi&quot;"],
    ["C:\\path $HOME", "C:&#92;path &#36;HOME"],
    ["line 1\nline 2", "line 1<br>line 2"],
    ["# title", "&#35; title"],
    ["## title", "&#35;# title"],
    ["- item", "&#45; item"],
    ["+ item", "&#43; item"],
    ["1. item", "1&#46; item"],
    ["12) item", "12&#41; item"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["-1", "-1"],
    ["#hashtag", "#hashtag"],
    ["  padded  ", "padded"],
  ])("%j -> %j", (input, output) => {
    expect(escapeMarkdown(input)).toBe(output);
    expect(shown(escapeMarkdown(input))).toBe(input.trim());
  });
});
