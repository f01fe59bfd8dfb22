// The public API: everything else is internal.
export { evaluate, type EvaluateOptions } from "./evaluate.js";
export { collect, type CollectRequest } from "./collect.js";
export { loadLab, parseLab, listLabs, labDirs, type Lab, type Check } from "./lab.js";
export { parseSnapshot, readSnapshot, type Snapshot, type CallError } from "./snapshot.js";
export type { Result, CheckResult, CheckStatus } from "./result.js";
export { toReport, renderJson, type Report } from "./report/json.js";
export { renderText } from "./report/text.js";
export { defineCollector, type Collector, type CollectContext } from "./collector.js";
export { EXIT } from "./errors.js";
export { gradeLab, type GradeRequest } from "./commands/grade.js";
export { renderers, FORMATS, type Renderer } from "./report/index.js";
