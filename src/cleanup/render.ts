import { fill } from "../core/text.js";
import { CLEANUP_MSG as M } from "./messages.js";
import type { CleanupItem, CleanupReport } from "./report.js";

export interface CleanupRenderOptions {
  color: boolean;
}

const money = (usd: number) => usd.toFixed(2);

/** The terminal report: region by region, what costs, how much, and the command that deletes it. */
export function renderCleanupText(report: CleanupReport, options: CleanupRenderOptions): string {
  const lang = report.lang;
  const t = (key: string, data: Record<string, string | number> = {}) => fill(M.text[key]![lang], data);
  const typeName = (type: string) => (M.type[type] ?? { es: type, en: type })[lang];
  const paint = (code: string, s: string) => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const cost = (item: CleanupItem) =>
    item.costKnown ? money(item.monthlyUsd) : item.monthlyUsd > 0 ? `${t("atLeast")} ${money(item.monthlyUsd)}` : t("unknown");
  const label = (item: CleanupItem) => `${typeName(item.type)} ${item.id}${item.name ? ` (${item.name})` : ""}`;
  const lines: string[] = [];

  lines.push(paint("1", t("title")));
  const account = report.account ? `${report.account.id} (${report.account.arn})` : t("noAccount");
  lines.push(`${t("account", { account, count: report.regions.length })}${report.endpoint ? ` ${t("emulator", { endpoint: report.endpoint })}` : ""}`);
  lines.push(paint("90", t("prices", { region: report.prices.region, asOf: report.prices.asOf, hours: report.prices.hoursPerMonth })));
  for (const note of report.notes) lines.push(paint("33", `→ ${note}`));

  let emptyRegions = 0;
  for (const region of report.totals.byRegion) {
    const inRegion = report.items.filter((i) => i.region === region.region);
    if (!inRegion.length) {
      emptyRegions++;
      continue;
    }
    lines.push("");
    lines.push(
      paint(
        "1",
        region.billableItems
          ? t("regionHeader", { region: region.region, count: region.billableItems, usd: money(region.monthlyUsd) })
          : t("regionFreeHeader", { region: region.region }),
      ),
    );
    for (const item of inRegion.filter((i) => i.billable)) {
      const tags = item.freeTier.eligible ? paint("32", ` [${t("freeTierTag")}]`) : "";
      lines.push(`  ${paint("31", "●")} ${label(item)} — ${item.summary}: ${paint("1", `${cost(item)} ${t("perMonth")}`)}${tags}`);
      for (const line of item.costs) {
        const usd = line.monthlyUsd === null ? t("unknown") : money(line.monthlyUsd);
        lines.push(`      ${usd.padStart(7)}  ${line.label}${line.unit === "h" ? paint("90", ` (${line.quantity} h)`) : ""}`);
      }
      for (const note of item.notes) lines.push(paint("90", `      · ${note}`));
      if (item.deletedWith) lines.push(`      ${t("deletedWith", { parent: `${typeName(item.deletedWith.type)} ${item.deletedWith.id}` })}`);
      for (const command of item.deleteCommands) lines.push(`      ${paint("36", `${t("delete")}:`)} ${command}`);
    }
    const free = inRegion.filter((i) => !i.billable);
    if (free.length) {
      lines.push(paint("90", `  ${t("noCost")}:`));
      for (const item of free) {
        const command = item.deleteCommands[0];
        lines.push(paint("90", `    ○ ${label(item)} — ${item.summary}${command ? ` · ${t("delete")}: ${command}` : ""}`));
      }
    }
  }
  if (emptyRegions) lines.push("", paint("90", t("emptyRegions", { count: emptyRegions })));

  if (report.errors.length) {
    lines.push("", paint("1;33", `${t("errorsHeading")}:`));
    for (const error of report.errors) lines.push(`  ${paint("33", "!")} ${error.text}`);
  }

  lines.push("");
  const totals = report.totals;
  if (report.status === "clean") {
    lines.push(paint("1;32", t("clean", { count: report.regions.length })));
  } else {
    if (totals.billableItems) {
      lines.push(paint("1", t("total", { usd: money(totals.monthlyUsd), count: totals.billableItems })));
      if (totals.unknownCostItems) lines.push(t("totalUnknown", { count: totals.unknownCostItems }));
      if (totals.freeTierCoveredUsd > 0) lines.push(t("freeTierCovered", { usd: money(totals.freeTierCoveredUsd) }));
    }
    if (report.status === "incomplete" || report.status === "unreadable" || report.errors.length) lines.push(paint("33", t("incomplete")));
    lines.push(t("neverDeletes"));
  }
  return lines.join("\n") + "\n";
}

export function renderCleanupJson(report: CleanupReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}
