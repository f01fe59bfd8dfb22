import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Result } from "../../src/core/result.js";
import { renderHtml } from "../../src/report/html.js";
import { browserSuiteTitle, CHROMIUM, HAS_CHROMIUM, IN_CI, launchChromium, lowContrast, RUN_BROWSER_TESTS } from "../support/chromium.js";
import { allResults, failedLab, passedLab, trickyResult, troubledLab } from "./fixtures.js";

describe("html report, as written", () => {
  it.each(allResults())("%s: one self-contained page in the report's language", async (_, result) => {
    const html = await renderHtml(result);
    expect(html.startsWith("<!doctype html>\n")).toBe(true);
    expect(html).toContain(`<html lang="${result.lang}">`);
    expect(html).toContain('<meta charset="utf-8">');
    // Nothing that would make the page fetch anything: no scripts, links, images, fonts, imports.
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|video|audio|source)\b/i);
    expect(html).not.toMatch(/\b(src|href|srcset|action|poster)\s*=/i);
    expect(html).not.toMatch(/url\(|@import|@font-face/i);
    expect(html).toContain("@media print");
  });

  it("escapes what the lab and the account say (a <script> in a hint stays text)", async () => {
    const html = await renderHtml(trickyResult());
    expect(html).toContain("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;");
    expect(html).toContain("tu entorno &lt;b&gt;también&lt;&#x2F;b&gt;");
    expect(html).not.toContain("<b>");
  });
});

interface Opened {
  page: Page;
  /** Every URL the page asked for besides its own file. */
  requests: string[];
  errors: string[];
}


// A missing Chromium fails CI here, once, and every browser suite's setup with it.
describe.runIf(IN_CI)("Chromium for the browser tests, in CI", () => {
  it(`is installed at ${CHROMIUM}`, () => {
    expect(HAS_CHROMIUM, `${CHROMIUM} is missing: CI must install it (apt-get install -y chromium)`).toBe(true);
  });
});

describe.runIf(RUN_BROWSER_TESTS)(
  browserSuiteTitle("html report in Chromium"),
  () => {
    let browser: Browser;
    const dir = mkdtempSync(join(tmpdir(), "calificar-html-"));

    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function open(name: string, result: Result, viewport?: { width: number; height: number }): Promise<Opened> {
      const file = join(dir, `${name}.html`);
      writeFileSync(file, await renderHtml(result));
      const url = pathToFileURL(file).href;
      const context = await browser.newContext(viewport ? { viewport } : {});
      // Anything but the file itself is recorded and refused: the test never reaches a network.
      const requests: string[] = [];
      await context.route(/^(?!file:)/, (route) => {
        if (!requests.includes(route.request().url())) requests.push(route.request().url());
        return route.abort();
      });
      const page = await context.newPage();
      page.on("request", (request) => {
        if (request.url() !== url && !requests.includes(request.url())) requests.push(request.url());
      });
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(url, { waitUntil: "load" });
      return { page, requests, errors };
    }

    it("shows a failed lab: score, verdict, the failed checks and how to fix them (Spanish)", async () => {
      const result = failedLab("es");
      const { page, requests, errors } = await open("failed-es", result);
      expect(await page.locator("html").getAttribute("lang")).toBe("es");
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
        `Laboratorio lab-ec2: ${result.lab.title}`,
      );
      expect(await page.getByText("Nota: 10/13 (77%)").isVisible()).toBe(true);
      expect(await page.getByText("NO APROBADO", { exact: true }).isVisible()).toBe(true);

      const table = page.getByRole("table", { name: "Comprobaciones de lab-ec2" });
      expect(await table.isVisible()).toBe(true);
      expect(await table.getByRole("columnheader").allTextContents()).toEqual(["Comprobación", "Resultado", "Puntos"]);
      expect(await table.getByRole("rowheader").count()).toBe(result.checks.length);
      for (const check of result.checks) {
        const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${check.id} `) }) });
        const word = { passed: "correcta", failed: "incorrecta", error: "no se pudo comprobar", skipped: "omitida" }[check.status];
        // The status is a word in the cell, not only a colour.
        expect((await row.getByRole("cell").first().innerText()).trim()).toBe(`${check.status === "passed" ? "✓" : "✗"} ${word}`);
      }

      const fixes = page.getByRole("heading", { level: 2, name: "Qué falla y cómo arreglarlo" });
      expect(await fixes.isVisible()).toBe(true);
      const failed = result.checks.filter((c) => c.status === "failed");
      expect(failed.map((c) => c.id)).toEqual(["elastic-ip", "ssh-restricted"]);
      expect(await page.getByRole("heading", { level: 3 }).count()).toBe(failed.length);
      for (const check of failed) {
        const article = page.getByRole("article", { name: new RegExp(`^${check.id} `) });
        expect(await article.isVisible()).toBe(true);
        expect(await article.getByText(check.hint!, { exact: true }).isVisible()).toBe(true);
        expect(await article.getByText(check.expected!, { exact: true }).isVisible()).toBe(true);
      }
      const ssh = page.getByRole("article", { name: /^ssh-restricted / });
      expect(await ssh.getByRole("definition").allInnerTexts()).toContain("0.0.0.0/0");

      expect(await lowContrast(page)).toEqual([]);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it.each(allResults())("%s: reads on a phone 420 px wide — nothing overflows the page, every column is visible", async (name, result) => {
      const width = 420;
      const { page, errors } = await open(`phone-${name.replace(/\W+/g, "-")}`, result, { width, height: 900 });
      const sizes = await page.evaluate(() => {
        const { document } = globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } };
        return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth };
      });
      expect(sizes.scroll, "the page scrolls sideways").toBeLessThanOrEqual(sizes.client);
      const table = page.getByRole("table");
      const boxes = await table.locator("th, td").evaluateAll((cells) =>
        cells.map((cell) => {
          const box = (cell as unknown as { getBoundingClientRect(): { left: number; right: number } }).getBoundingClientRect();
          return { text: (cell as unknown as { textContent: string }).textContent.trim().slice(0, 30), left: box.left, right: box.right };
        }),
      );
      expect(boxes.length).toBeGreaterThan(0);
      for (const box of boxes) {
        expect(box.left, box.text).toBeGreaterThanOrEqual(0);
        expect(box.right, box.text).toBeLessThanOrEqual(width);
      }
      // The points of every check can be read.
      for (const check of result.checks) {
        const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${check.id} `) }) });
        expect(await row.getByRole("cell").last().isVisible()).toBe(true);
      }
      expect(await lowContrast(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("says each failure once: «Se esperaba» and «Se encontró», not the same sentence above them", async () => {
      const result = failedLab("es");
      const { page } = await open("once-es", result);
      const ssh = page.getByRole("article", { name: /^ssh-restricted / });
      const check = result.checks.find((c) => c.id === "ssh-restricted")!;
      expect(check.message).toContain("se esperaba");
      expect(await ssh.getByText(check.message, { exact: true }).count()).toBe(0);
      expect(await ssh.getByRole("term").allInnerTexts()).toEqual(["Se esperaba", "Se encontró", "Cómo arreglarlo"]);
      expect(await ssh.getByRole("definition").first().innerText()).toBe(check.expected);
      // A message that says more than expected and found (a missing permission) stays.
      const troubled = await open("once-troubled", troubledLab("es"));
      const rootVolume = troubled.page.getByRole("article", { name: /^root-volume / });
      expect(await rootVolume.getByText(/falta el permiso ec2:DescribeVolumes/).isVisible()).toBe(true);
      await page.context().close();
      await troubled.page.context().close();
    });

    it("prints everything a student needs (print media, PDF)", async () => {
      const result = failedLab("es");
      const { page, errors } = await open("print-es", result);
      await page.emulateMedia({ media: "print" });
      const hint = result.checks.find((c) => c.id === "ssh-restricted")!.hint!;
      expect(await page.getByText(hint, { exact: true }).isVisible()).toBe(true);
      expect(await page.getByRole("table").isVisible()).toBe(true);
      expect(await lowContrast(page)).toEqual([]);
      const pdf = await page.pdf({ format: "A4" });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("shows a passed lab in English with nothing to fix", async () => {
      const { page, requests, errors } = await open("passed-en", passedLab("en"));
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.getByText("PASSED", { exact: true }).isVisible()).toBe(true);
      expect(await page.getByText("Every check passed.").isVisible()).toBe(true);
      expect(await page.getByRole("heading", { name: "What is wrong and how to fix it" }).count()).toBe(0);
      expect(await page.getByRole("cell", { name: "passed", exact: true }).count()).toBe(9);
      expect(await lowContrast(page)).toEqual([]);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("tells error and skipped apart from failed, in words", async () => {
      const { page, errors } = await open("troubled-en", troubledLab("en"));
      const table = page.getByRole("table");
      const status = async (id: string) =>
        (await table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${id} `) }) }).getByRole("cell").first().innerText()).trim();
      expect(await status("root-volume")).toBe("! could not check");
      expect(await status("flask-app")).toBe("– skipped");
      expect(await status("ssh-restricted")).toBe("✗ failed");
      // error explains the missing permission; skipped has nothing to fix.
      const rootVolume = page.getByRole("article", { name: /^root-volume / });
      expect(await rootVolume.getByText(/ec2:DescribeVolumes/).isVisible()).toBe(true);
      expect(await page.getByRole("article", { name: /^flask-app / }).count()).toBe(0);
      expect(await lowContrast(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("shows repository findings with file and line, and special characters as text", async () => {
      const result = trickyResult();
      const { page, requests, errors } = await open("tricky", result);
      expect(await page.locator("script").count()).toBe(0);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`Laboratorio lab-beanstalk: ${result.lab.title}`);
      const autoscaling = page.getByRole("article", { name: /^ebextensions-autoscaling / });
      expect(await autoscaling.getByText(".ebextensions/autoscaling.config:4", { exact: true }).isVisible()).toBe(true);
      expect(await autoscaling.getByText(`"1" | <min> & 'otro'`, { exact: true }).isVisible()).toBe(true);
      // A line break in a hint stays a line break.
      expect(await autoscaling.getByRole("definition").last().innerText()).toContain("</script>\nLuego: git commit && git push");
      expect(await page.getByRole("rowheader", { name: /^no-committed-secrets / }).innerText()).toContain("config/db.json:12");
      expect(await page.getByRole("heading", { name: "Avisos" }).isVisible()).toBe(true);
      expect(await page.getByText("tu entorno <b>también</b> está en us-west-2 & eu-west-1").isVisible()).toBe(true);
      expect(await lowContrast(page)).toEqual([]);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  },
);
