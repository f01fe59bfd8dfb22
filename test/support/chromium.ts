// Real Chromium for the browser tests: Debian's package, launched as this machine allows (no
// sandbox as root, no background networking: the network is closed and Chromium would retry).
// In CI a missing Chromium fails the browser tests (a skipped browser test proves nothing);
// on a developer's machine they are skipped with the reason in their title.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const IN_CI = Boolean(process.env["CI"]);
/** Run the browser suites: always in CI (where a missing Chromium then fails), elsewhere when it is installed. */
export const RUN_BROWSER_TESTS = HAS_CHROMIUM || IN_CI;
export const MISSING = `${CHROMIUM} is missing (apt-get install -y chromium)`;

export const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A suite's title, saying why it is skipped when it is. */
export function browserSuiteTitle(title: string): string {
  return RUN_BROWSER_TESTS ? title : `${title} — SKIPPED: ${MISSING}`;
}

export async function launchChromium(): Promise<Browser> {
  if (!HAS_CHROMIUM) throw new Error(`${MISSING}: CI must install it`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

// The few DOM types the in-page code uses (the project's TypeScript has no "dom" lib).
interface PageElement {
  childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
  parentElement: PageElement | null;
  closest(selector: string): PageElement | null;
  getClientRects(): ArrayLike<unknown>;
}
interface PageGlobals {
  document: { body: { querySelectorAll(selector: string): ArrayLike<PageElement> } };
  getComputedStyle(element: PageElement): { color: string; backgroundColor: string };
}

/** WCAG contrast of every visible element that shows text, against its nearest opaque background. */
export function lowContrast(page: Page): Promise<{ text: string; ratio: number }[]> {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const TEXT_NODE = 3;
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    const background = (el: PageElement | null): number[] => {
      for (; el; el = el.parentElement) {
        const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3]! > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const low: { text: string; ratio: number }[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === TEXT_NODE && n.textContent!.trim())
        .map((n) => n.textContent!.trim());
      if (!own.length || el.closest("[aria-hidden=true]") || el.closest(".visually-hidden") || !el.getClientRects().length) continue;
      const [a, b] = [luminance(rgb(getComputedStyle(el).color)), luminance(background(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5) low.push({ text: own.join(" ").slice(0, 40), ratio: Math.round(ratio * 100) / 100 });
    }
    return low;
  });
}
