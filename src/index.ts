// The public API: everything else is internal.
import { loadSchemaCompiler } from "./core/compile.js";

// Labs given to the API may be any object, not only the shipped ones the build compiled: have
// ajv's compiler ready (the CLI loads it only for a lab that needs it).
await loadSchemaCompiler();

export { evaluate, type EvaluateOptions } from "./core/evaluate.js";
export { collect, type CollectRequest } from "./collect/collect.js";
export { loadLab, listLabs, labDirs } from "./app/labs.js";
export { parseLab } from "./core/parse-lab.js";
export type { Lab, Check } from "./core/lab.js";
export { parseSnapshot, type Snapshot, type CallError } from "./core/snapshot.js";
export { readSnapshot } from "./app/snapshot-file.js";
export type { Result, CheckResult, CheckStatus } from "./core/result.js";
export { toReport, renderJson, type Report } from "./report/json.js";
export { renderText } from "./report/text.js";
export { defineCollector, type Collector, type CollectContext } from "./collect/collector.js";
export { loadCollector } from "../checks/index.js";
export { EXIT } from "./core/errors.js";
export { gradeLab, type GradeRequest } from "./app/grade.js";
export { renderers, FORMATS, type Renderer } from "./report/index.js";
