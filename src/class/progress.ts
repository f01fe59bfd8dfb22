import type { Lang } from "../core/text.js";
import type { ClassSummary } from "./merge.js";
import { duration, say } from "./messages.js";
import { hasGrade, type ClassEvent, type Outcome } from "./run.js";

/**
 * How a class run shows itself on stderr: a bar redrawn in place on a terminal; on anything else
 * (CI logs, a file), a plain line now and then, since a log cannot be redrawn.
 */
export interface ProgressOptions {
  stream: { write(s: string): unknown; isTTY?: boolean };
  lang: Lang;
  now: () => Date;
  /** Plain mode: a line at least this often while students finish (default 10 s), and at every tenth of the class. */
  everyMs?: number;
  /** Bar mode: redraw at most this often (default 100 ms). */
  redrawMs?: number;
}

export interface Progress {
  onEvent(event: ClassEvent): void;
  /** Clears the bar so that what follows starts on a clean line. */
  finish(): void;
}

const BAR_WIDTH = 24;

export function createProgress(options: ProgressOptions): Progress {
  const { stream, lang } = options;
  const tty = Boolean(stream.isTTY);
  const everyMs = options.everyMs ?? 10_000;
  const redrawMs = options.redrawMs ?? 100;
  const clock = () => options.now().getTime();
  let total = 0;
  let resumed = 0;
  let graded = 0;
  let notGraded = 0;
  let started = 0;
  let lastDraw = -Infinity;
  let lastTenth = 0;
  let drawn = false;

  const counts = () => {
    const done = graded + notGraded;
    const remaining = total - done;
    // ETA from this run's own pace: students kept by --resume took no time.
    const fresh = done - resumed;
    const elapsed = clock() - started;
    const eta = fresh > 0 && remaining > 0 ? (elapsed / fresh) * remaining : null;
    return { done, remaining, eta };
  };

  const draw = (force: boolean) => {
    const { done, remaining, eta } = counts();
    const at = clock();
    if (tty) {
      if (!force && at - lastDraw < redrawMs) return;
      lastDraw = at;
      const filled = total ? Math.round((done / total) * BAR_WIDTH) : BAR_WIDTH;
      const bar = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${done}/${total}`;
      const rest = say("bar", lang, { graded, notGraded, remaining, eta: eta === null ? "" : say("barEta", lang, { time: duration(eta) }) });
      stream.write(`\r\x1b[2K${bar} ${rest}`);
      drawn = true;
      return;
    }
    const tenth = total ? Math.floor((done / total) * 10) : 10;
    if (!force && tenth === lastTenth && at - lastDraw < everyMs) return;
    lastDraw = at;
    lastTenth = tenth;
    const line = say("progressLine", lang, { done, total, graded, notGraded, remaining, eta: eta === null ? "" : say("eta", lang, { time: duration(eta) }) });
    stream.write(`calificar: ${line}\n`);
  };

  return {
    onEvent(event) {
      if (event.type === "start") {
        total = event.total;
        resumed = event.resumed;
        graded = event.resumed;
        started = clock();
        // Plain lines wait for the first tenth or the first period; the bar shows at once.
        lastDraw = started;
        if (tty) draw(true);
        return;
      }
      if (event.outcome.kind === "interrupted") return;
      if (hasGrade(event.outcome)) graded++;
      else notGraded++;
      draw(graded + notGraded === total);
    },
    finish() {
      if (tty && drawn) stream.write("\r\x1b[2K");
    },
  };
}

/** The end of a run, for stdout: counts, the three checks failed most, and who was not graded and why. */
export function renderSummary(
  summary: ClassSummary,
  outcomes: readonly Outcome[],
  lang: Lang,
  files: { lab: string; out: string; gradebook: string },
): string {
  const lines: string[] = [];
  const graded = outcomes.filter(hasGrade);
  const passed = graded.filter((o) => o.report.passed).length;
  const missing = outcomes.filter((o) => !hasGrade(o));
  lines.push(say("summaryHeader", lang, { lab: files.lab, size: outcomes.length }));
  lines.push(say("summaryCounts", lang, { passed, failed: graded.length - passed, notGraded: missing.length }));
  if (summary.mostFailed.length) {
    const list = summary.mostFailed.map((c) => say("summaryMostFailedItem", lang, { id: c.id, failed: c.failed, withCheck: c.withCheck })).join(", ");
    lines.push(say("summaryMostFailed", lang, { list }));
  }
  if (missing.length) {
    lines.push(say("summaryNotGraded", lang));
    const byId = new Map(summary.entries.map((e) => [e.student.id, e]));
    for (const o of missing) {
      const entry = byId.get(o.student.student);
      const why = entry?.kind === "not-graded" ? entry.why[lang] : say("interrupted", lang);
      lines.push(`    ${o.student.student}: ${why}`);
    }
  }
  if (outcomes.length && !graded.length) lines.push(say("summaryNobody", lang));
  lines.push(say("summaryFiles", lang, { out: files.out, gradebook: files.gradebook }));
  return lines.join("\n") + "\n";
}
