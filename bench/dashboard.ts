/**
 * How long `calificar tablero` takes for a big class, and how big the page gets. Not a test.
 *
 *   npm run bench:dashboard [-- STUDENTS OUT.html]
 *
 * Merging and rendering are timed apart (median of a few runs, after a warm-up run); the
 * page is written to OUT.html when given, to open it in a browser.
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { renderDashboard } from "../src/class/dashboard.js";
import { renderGradebook, gradebookRowFromReport, gradebookRowNotGraded } from "../src/class/gradebook.js";
import { mergeClass, type ClassSummary } from "../src/class/merge.js";
import { randomClass } from "../test/class/fixtures.js";

const STUDENTS = Number(process.argv[2] ?? 2000);
const OUT = process.argv[3];
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  fn(); // warm-up: template read, JIT
  const samples: number[] = [];
  let value!: T;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    value = fn();
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), value };
}

const { reports, notGraded } = randomClass(STUDENTS, 2026);
// Two shard folders, as a CI matrix leaves them.
const half = Math.ceil(reports.length / 2);
const folders = [
  { source: "informes-1", reports: reports.slice(0, half), notGraded: notGraded.slice(0, Math.ceil(notGraded.length / 2)) },
  { source: "informes-2", reports: reports.slice(half), notGraded: notGraded.slice(Math.ceil(notGraded.length / 2)) },
];

const merged = time(() => mergeClass(folders));
const summary: ClassSummary = merged.value;
const page = time(() => renderDashboard(summary, "es"));
const gradebook = time(() =>
  renderGradebook(
    summary.entries.map((e) => (e.kind === "graded" ? gradebookRowFromReport(e.report, e.student) : gradebookRowNotGraded(e.student, e.why))),
    summary.checks.map((c) => c.id),
    "es",
  ),
);

const kib = (text: string) => (Buffer.byteLength(text, "utf8") / 1024).toFixed(0);
console.log(`students:          ${summary.size} (${summary.graded} graded, ${summary.notGraded} not graded)`);
console.log(`merge:             ${merged.ms.toFixed(1)} ms`);
console.log(`render dashboard:  ${page.ms.toFixed(1)} ms, ${kib(page.value)} KiB of HTML`);
console.log(`render notas.csv:  ${gradebook.ms.toFixed(1)} ms, ${kib(gradebook.value)} KiB`);
if (OUT) {
  writeFileSync(OUT, page.value);
  console.log(`written:           ${OUT}`);
}
