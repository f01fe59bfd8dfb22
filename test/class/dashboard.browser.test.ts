import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDashboard } from "../../src/class/dashboard.js";
import { mergeClass, type ClassEntry, type ClassSummary } from "../../src/class/merge.js";
import type { Lang } from "../../src/core/text.js";
import { browserSuiteTitle, launchChromium, lowContrast, RUN_BROWSER_TESTS } from "../support/chromium.js";
import { notGraded, randomClass } from "./fixtures.js";

// The dashboard in a real Chromium, opened from file:// as an instructor would. In CI a missing
// Chromium fails these tests (a skipped browser test proves nothing); elsewhere they are skipped.

type Graded = Extract<ClassEntry, { kind: "graded" }>;

/** 200 students, deterministic, plus one not graded whose name and reason carry markup. */
function theClass(): ClassSummary {
  const { reports, notGraded: skipped } = randomClass(200, 11);
  const tricky = { ...notGraded("zz-markup"), why: { es: "rol <img src=x onerror=alert(1)> denegado", en: "role <img src=x onerror=alert(1)> denied" } };
  tricky.student = { ...tricky.student, name: "Zoe </script><b>negrita</b>" };
  return mergeClass([
    { source: "informes-1", reports: reports.slice(0, 100), notGraded: skipped },
    { source: "informes-2", reports: reports.slice(100), notGraded: [tricky] },
  ]);
}

const SUMMARY = theClass();
const GRADED = SUMMARY.entries.filter((e): e is Graded => e.kind === "graded");
const byId = (a: Graded, b: Graded) => (a.student.id < b.student.id ? -1 : a.student.id > b.student.id ? 1 : 0);

interface Opened {
  page: Page;
  /** Every URL the page asked for besides its own file. */
  requests: string[];
  /** Console errors and warnings, uncaught exceptions, and any alert() that ran. */
  errors: string[];
}

// The few DOM types the in-page code uses (the project's TypeScript has no "dom" lib).
interface PageElement {
  childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
  parentElement: PageElement | null;
  closest(selector: string): PageElement | null;
  getClientRects(): ArrayLike<unknown>;
}
interface PageGlobals {
  document: {
    body: { querySelectorAll(selector: string): ArrayLike<PageElement> };
    documentElement: { scrollWidth: number; clientWidth: number };
    activeElement: { textContent: string | null } | null;
  };
  getComputedStyle(element: PageElement): { color: string; backgroundColor: string };
}


describe.runIf(RUN_BROWSER_TESTS)(
  browserSuiteTitle("class dashboard in Chromium"),
  () => {
    let browser: Browser;
    const dir = mkdtempSync(join(tmpdir(), "calificar-dashboard-"));
    const files = new Map<Lang, string>();

    beforeAll(async () => {
      browser = await launchChromium();
      for (const lang of ["es", "en"] as const) {
        const file = join(dir, `tablero-${lang}.html`);
        writeFileSync(file, renderDashboard(SUMMARY, lang));
        files.set(lang, file);
      }
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function open(lang: Lang, width = 1280): Promise<Opened> {
      const url = pathToFileURL(files.get(lang)!).href;
      const context = await browser.newContext({ viewport: { width, height: 900 } });
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
      page.on("dialog", (dialog) => {
        errors.push(`a script ran: ${dialog.type()} ${dialog.message()}`);
        return dialog.dismiss();
      });
      await page.goto(url, { waitUntil: "load" });
      return { page, requests, errors };
    }

    const rows = (page: Page) => page.locator("#students-body tr:not([hidden])");
    const column = (page: Page, index: number) =>
      rows(page).evaluateAll((trs, i) => trs.map((tr) => (tr as unknown as { cells: ArrayLike<{ textContent: string }> }).cells[i]!.textContent), index);

    it("shows the class: counts, histogram, each check's pass rate, every graded student (Spanish)", async () => {
      const { page, requests, errors } = await open("es");
      expect(await page.locator("html").getAttribute("lang")).toBe("es");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`lab-ec2: ${SUMMARY.lab!.title}`);
      expect(await page.locator(".card").allInnerTexts()).toEqual([
        `Alumnos\n${SUMMARY.size}`,
        `Calificados\n${SUMMARY.graded}`,
        `Sin calificar\n${SUMMARY.notGraded}`,
        `Aprobados\n${SUMMARY.passed}`,
        expect.stringMatching(/^Aprueban\n[\d,]+\s%\nde los calificados$/),
      ]);
      const histogram = page.getByRole("table", { name: "Alumnos calificados por porcentaje de la nota" });
      expect(await histogram.locator("tbody td:nth-child(2)").allTextContents()).toEqual(SUMMARY.histogram.map((b) => String(b.count)));
      const checks = page.getByRole("table", { name: /supera cada paso/ });
      expect(await checks.getByRole("rowheader").allTextContents()).toEqual(SUMMARY.checks.map((c) => `${c.id} ${c.title}`));
      expect(await rows(page).count()).toBe(SUMMARY.graded);
      expect(await page.locator("#shown").textContent()).toBe(`Se muestran ${SUMMARY.graded} de ${SUMMARY.graded} alumnos`);
      // By student id at first.
      expect(await column(page, 0)).toEqual([...GRADED].sort(byId).map((e) => e.student.id));
      expect(await page.locator("#students th[data-sort=id]").getAttribute("aria-sort")).toBe("ascending");
      expect(await lowContrast(page)).toEqual([]);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("sorts by score with a click, ascending then descending", async () => {
      const { page, errors } = await open("es");
      const score = page.getByRole("button", { name: "Nota", exact: true });
      const header = page.locator("#students th[data-sort=score]");
      const expected = [...GRADED].sort((a, b) => a.report.score - b.report.score || byId(a, b)).map((e) => `${e.report.score}/${e.report.maxScore}`);
      await score.click();
      expect(await header.getAttribute("aria-sort")).toBe("ascending");
      expect(await page.locator("#students th[data-sort=id]").getAttribute("aria-sort")).toBeNull();
      expect(await column(page, 2)).toEqual(expected);
      const ids = await column(page, 0);
      expect(ids).toEqual([...GRADED].sort((a, b) => a.report.score - b.report.score || byId(a, b)).map((e) => e.student.id));

      await score.click();
      expect(await header.getAttribute("aria-sort")).toBe("descending");
      const descending = await column(page, 2);
      expect(descending.map((s) => Number(s!.split("/")[0]))).toEqual(GRADED.map((e) => e.report.score).sort((a, b) => b - a));
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("sorts with the keyboard alone: Tab to a header, Enter", async () => {
      const { page, errors } = await open("es");
      await page.locator("#failed-filter").focus();
      // The filter, then the table's scroll box, then the headers: Alumno, Nombre, Nota, %.
      for (let i = 0; i < 5; i++) await page.keyboard.press("Tab");
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.textContent)).toBe("%");
      const outline = await page.locator("#students th[data-sort=percent] button").evaluate(
        (b) => (globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string } }).getComputedStyle(b),
      );
      expect(outline.outlineStyle).toBe("solid");
      await page.keyboard.press("Enter");
      expect(await page.locator("#students th[data-sort=percent]").getAttribute("aria-sort")).toBe("ascending");
      const percents = GRADED.map((e) => e.percent).sort((a, b) => a - b);
      const shown = (await column(page, 3)).map((text) => Number(text!.replace(/\s%$/, "").replace(",", ".")));
      expect(shown).toEqual(percents);
      await page.keyboard.press("Enter");
      expect(await page.locator("#students th[data-sort=percent]").getAttribute("aria-sort")).toBe("descending");
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("filters by a failed check and by text, accents ignored", async () => {
      const { page, errors } = await open("es");
      await page.getByLabel("Con esta comprobación fallida").selectOption("ssh-restricted");
      const failing = GRADED.filter((e) => e.failedChecks.includes("ssh-restricted")).sort(byId);
      expect(failing.length).toBeGreaterThan(10);
      expect(failing.length).toBeLessThan(GRADED.length);
      expect(await column(page, 0)).toEqual(failing.map((e) => e.student.id));
      for (const cell of await column(page, 5)) expect(cell).toContain("ssh-restricted");
      expect(await page.locator("#shown").textContent()).toBe(`Se muestran ${failing.length} de ${GRADED.length} alumnos`);

      // Both filters at once: a search within those who failed the check.
      await page.getByLabel("Buscar alumno (id, nombre o email)").fill("yanez");
      const yanez = failing.filter((e) => e.student.name!.includes("Yáñez"));
      expect(yanez.length).toBeGreaterThan(0);
      expect(await column(page, 1)).toEqual(yanez.map((e) => e.student.name));

      await page.getByLabel("Con esta comprobación fallida").selectOption("");
      await page.getByLabel("Buscar alumno (id, nombre o email)").fill("nadie-se-llama-asi");
      expect(await rows(page).count()).toBe(0);
      expect(await page.getByText("Ningún alumno coincide con la búsqueda.").isVisible()).toBe(true);
      await page.getByLabel("Buscar alumno (id, nombre o email)").fill("");
      expect(await rows(page).count()).toBe(GRADED.length);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("opens a student's full report and gives focus back when it closes", async () => {
      const { page, requests, errors } = await open("es");
      const entry = GRADED.find((e) => e.failedChecks.length >= 2 && e.report.checks.some((c) => c.status === "error")) ?? GRADED.find((e) => e.failedChecks.length >= 2)!;
      const button = page.getByRole("button", { name: entry.student.id, exact: true });
      await button.click();
      const dialog = page.getByRole("dialog");
      expect(await dialog.isVisible()).toBe(true);
      expect(await dialog.getByRole("heading", { level: 2 }).textContent()).toBe(`Informe de ${entry.student.id} · ${entry.student.name}`);
      expect(await dialog.locator("[data-check]").evaluateAll((lis) => lis.map((li) => (li as unknown as { dataset: { check: string } }).dataset.check))).toEqual(
        entry.report.checks.map((c) => c.id),
      );
      for (const check of entry.report.checks) {
        const item = dialog.locator(`[data-check="${check.id}"]`);
        expect(await item.innerText()).toContain(check.message);
        if (check.status === "failed") {
          expect(await item.innerText()).toContain(`✗ incorrecta`);
          expect(await item.getByRole("definition").allTextContents()).toEqual([check.expected, check.found, check.hint]);
        }
        if (check.status === "passed") expect(await item.getByRole("definition").count()).toBe(0);
      }
      expect(await lowContrast(page)).toEqual([]);
      await page.keyboard.press("Escape");
      expect(await dialog.isVisible()).toBe(false);
      expect(await button.evaluate((b) => b === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("shows markup in names and reasons as text, and runs none of it", async () => {
      const { page, errors } = await open("es");
      const eve = GRADED.find((e) => e.student.name!.includes("</script>"))!;
      expect(await page.getByRole("row").filter({ has: page.getByRole("button", { name: eve.student.id }) }).getByRole("cell").first().textContent()).toBe(eve.student.name);
      const notGradedTable = page.getByRole("table", { name: "Alumnos que no se pudieron calificar y por qué" });
      expect(await notGradedTable.locator("tbody tr").count()).toBe(SUMMARY.notGraded);
      const tricky = notGradedTable.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "zz-markup" }) });
      expect(await tricky.getByRole("cell").allTextContents()).toEqual(["Zoe </script><b>negrita</b>", "rol <img src=x onerror=alert(1)> denegado"]);
      expect(await page.locator("b, img").count()).toBe(0);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("fits a 420 px phone: no sideways scrolling of the page, the table scrolls in its box", async () => {
      const { page, errors } = await open("es", 420);
      const { scrollWidth, clientWidth } = await page.evaluate(() => {
        const { documentElement } = (globalThis as unknown as PageGlobals).document;
        return { scrollWidth: documentElement.scrollWidth, clientWidth: documentElement.clientWidth };
      });
      expect(clientWidth).toBe(420);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      const box = page.locator(".scroll").filter({ has: page.locator("#students") });
      expect(await box.evaluate((el) => (el as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth > (el as unknown as { clientWidth: number }).clientWidth)).toBe(true);
      await page.getByRole("button", { name: GRADED[0]!.student.id, exact: true }).click();
      const dialogBox = await page.getByRole("dialog").boundingBox();
      expect(dialogBox!.x).toBeGreaterThanOrEqual(0);
      expect(dialogBox!.x + dialogBox!.width).toBeLessThanOrEqual(420);
      expect(await lowContrast(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("speaks English when asked", async () => {
      const { page, requests, errors } = await open("en");
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.getByRole("heading", { level: 2 }).allTextContents()).toEqual(
        expect.arrayContaining(["Score distribution", "Each check", "Graded students", "Students not graded"]),
      );
      // Accessible names: the sort arrow is aria-hidden; aria-sort says the order.
      for (const name of ["Student", "Name", "Score", "%", "Passed", "Failed checks"]) {
        expect(await page.locator("#students thead").getByRole("button", { name, exact: true }).count()).toBe(1);
      }
      expect(await page.locator("#shown").textContent()).toBe(`Showing ${SUMMARY.graded} of ${SUMMARY.graded} students`);
      await page.getByRole("button", { name: GRADED[0]!.student.id, exact: true }).click();
      expect(await page.getByRole("dialog").getByRole("button", { name: "Close" }).isVisible()).toBe(true);
      expect(await lowContrast(page)).toEqual([]);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("cannot reach the network even if a script tries (the page's CSP blocks it)", async () => {
      const { page, requests } = await open("es");
      const outcome = await page.evaluate(() =>
        (globalThis as unknown as { fetch(url: string): Promise<unknown> })
          .fetch("http://127.0.0.1:9/leak")
          .then(
            () => "fetched",
            () => "blocked",
          ),
      );
      expect(outcome).toBe("blocked");
      expect(requests).toEqual([]);
      await page.context().close();
    });
  },
);
