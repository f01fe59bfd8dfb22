import type { CleanupFunction } from "../collectors/lambda.js";
import { deleteCommand as cmd } from "../delete-commands.js";
import type { CleanupItem } from "../report.js";
import { makeItem, say, type Pricing } from "./context.js";

/** A function costs nothing while nobody invokes it: listed so the student knows it is there. */
export function functionItem(p: Pricing, fn: CleanupFunction): CleanupItem {
  return makeItem(
    p,
    {
      type: "lambda-function",
      id: fn.functionName,
      name: null,
      state: null,
      summary: say(p, "summary", "function", { runtime: fn.runtime ?? fn.packageType ?? "?", memory: fn.memorySize ?? "?" }),
      costs: [],
      deleteCommands: [cmd.deleteFunction(fn.functionName, p.region)],
      notes: [say(p, "note", "lambdaIdle")],
    },
    { alwaysFree: true },
  );
}
