import { fill, type Text } from "../core/text.js";
import type { Report } from "../report/json.js";
import { GRADEBOOK_MSG as MSG } from "./messages.js";

/** Score as a percentage of the maximum, one decimal; 0 when the lab is worth nothing. */
export function percentOf(score: number, maxScore: number): number {
  return maxScore > 0 ? Math.round((score / maxScore) * 1000) / 10 : 0;
}

/** Why an ungradable report was not graded, naming the first failed calls (`ec2:DescribeInstances AccessDenied`). */
export function ungradableReason(report: Pick<Report, "errors">): Text {
  const calls = [...new Set(report.errors.map((e) => `${e.action} ${e.code}`))];
  if (!calls.length) return MSG.everyCheckFailedToRun;
  const errors = calls.length > 3 ? `${calls.slice(0, 3).join(", ")}…` : calls.join(", ");
  return { es: fill(MSG.nothingChecked.es, { errors }), en: fill(MSG.nothingChecked.en, { errors }) };
}
