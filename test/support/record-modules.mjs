// Preloaded with `node --import ./record-modules.mjs`: writes to $CALIFICAR_MODULE_LOG every module
// the process loads, ESM (through a resolve hook) and CommonJS (the require cache at exit), one per line.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";

const log = process.env.CALIFICAR_MODULE_LOG;
if (!log) throw new Error("record-modules.mjs needs CALIFICAR_MODULE_LOG");

const hooks = `
import { appendFileSync } from "node:fs";
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(log, "esm " + result.url + "\\n");
  return result;
}
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { log } });

const cache = createRequire(import.meta.url).cache;
process.on("exit", () => {
  const lines = Object.keys(cache).map((file) => `cjs ${file}\n`);
  appendFileSync(log, lines.join("") || "cjs (none)\n");
});
