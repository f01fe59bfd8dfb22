import type { CleanupLogGroup } from "../collectors/logs.js";
import { deleteCommand as cmd } from "../delete-commands.js";
import type { CleanupItem } from "../report.js";
import { costLine, formatBytes, GiB, makeItem, say, type Pricing } from "./context.js";

/** A log group bills for what it stores; 5 GB are always free. */
export function logGroupItem(p: Pricing, group: CleanupLogGroup): CleanupItem {
  const gb = group.storedBytes / GiB;
  return makeItem(
    p,
    {
      type: "log-group",
      id: group.logGroupName,
      name: null,
      state: null,
      summary: say(p, "summary", "logGroup", { size: formatBytes(group.storedBytes) }),
      costs: [costLine(p, say(p, "line", "logs", { size: Math.round(gb * 1000) / 1000 }), gb, "GB-month", p.prices.logsGbMonth, "logs-gb")],
      deleteCommands: [cmd.deleteLogGroup(group.logGroupName, p.region)],
      notes: group.retentionInDays === null && group.storedBytes > 0 ? [say(p, "note", "logsNeverExpire")] : [],
    },
    { alwaysFree: true },
  );
}
