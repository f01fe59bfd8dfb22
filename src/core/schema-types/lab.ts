// Generated from schemas/lab.schema.json by scripts/schema-types.mjs (npm run schema-types): do not edit.
/* eslint-disable */
/**
 * A JMESPath expression (the language of the AWS CLI's --query) over the resource's facts.
 */
export type Jmespath = string;
export type Id = string;

/**
 * A lab of the course: the end state a student's AWS account must reach, as checks whose expected state is JSON Schema.
 */
export interface LabDocument {
  $schema?: string;
  /**
   * Stable lab id, used on the command line: `calificar lab-ec2`.
   */
  id: string;
  title: Text;
  summary?: Text;
  /**
   * Collectors (modules in checks/) whose facts the lab reads. `sts` always runs.
   */
  collectors: string[];
  resource: Resource;
  /**
   * HTTP probes made to every candidate resource; results land on the resource at probes.<id>.
   */
  probes?: Probe[];
  /**
   * What a lab's collectors need to know about this lab, by collector name. A lab is data: nothing lab-specific is written in a collector.
   */
  parameters?: {
    lambda?: LambdaParameters;
  };
  /**
   * Percentage of the points needed to pass (0-100).
   */
  passMark: number;
  /**
   * @minItems 1
   */
  checks: Check[];
}
/**
 * Student-facing text in every language of the reports.
 */
export interface Text {
  es: string;
  en: string;
}
export interface Resource {
  collector: string;
  /**
   * Where the candidates are in the collector's facts, e.g. `instances`.
   */
  list: string;
  label: Text;
  plural?: Text;
  id: Jmespath;
  name?: Jmespath;
  /**
   * IAM actions the listing needs; when one failed, nothing can be graded.
   */
  requires?: string[];
  /**
   * JSON Schema a candidate must satisfy to be graded at all (e.g. not terminated).
   */
  where?: {} | boolean;
  /**
   * The command-line option that picks a candidate by id or name, e.g. `instance`.
   */
  select?: string;
  missing?: Text;
  /**
   * A JMESPath expression (the language of the AWS CLI's --query) over the resource's facts.
   */
  region?: string;
}
/**
 * Student-facing text in every language of the reports.
 */
/**
 * Student-facing text in every language of the reports.
 */
/**
 * Student-facing text in every language of the reports.
 */
export interface Probe {
  id: Id;
  /**
   * A JMESPath expression (the language of the AWS CLI's --query) over the resource's facts.
   */
  host: string;
  port: number;
  scheme?: "http" | "https";
  /**
   * @minItems 1
   */
  requests: {
    path: string;
  }[];
}
/**
 * lab-lambda: which functions to run and with what. calificar invokes at most a few functions (the ones that look most like the lab's), once each, with `event`.
 */
export interface LambdaParameters {
  /**
   * The test event sent to the function (its only active call).
   */
  event: {};
  /**
   * The event field and environment variable that hold the message to count; lines may read «<messageField>: <message>.».
   */
  messageField: string;
  /**
   * How a function looks like the lab's, from its configuration alone: functions that match none of these are never run without --function.
   */
  match: {
    runtimePrefix: string;
    handler?: string;
    memorySize?: number;
  };
}
export interface Check {
  /**
   * Stable: gradebooks and dashboards key on it. A changed meaning gets a new id.
   */
  id: string;
  points: number;
  /**
   * The lab is not passed unless this check passes.
   */
  required?: boolean;
  /**
   * A warning is shown but never blocks the pass.
   */
  severity?: "error" | "warning";
  title: Text;
  hint: Text;
  field?: Text;
  /**
   * Names of parts of the subject by JSON Pointer, for evidence: {"/size": {...}}. Every wrong part is named, in this order. A text holding {expected}, {found} or {field} is instead the whole sentence said when the subject fails at that part; the first such part that fails is said alone.
   */
  fields?: {
    [k: string]: Text;
  };
  /**
   * A JMESPath expression (the language of the AWS CLI's --query) over the resource's facts.
   */
  subject?: string;
  /**
   * The expected state of the subject, as JSON Schema (draft 2020-12).
   */
  expected: {} | boolean;
  expectedText?: Text;
  /**
   * A JMESPath expression (the language of the AWS CLI's --query) over the resource's facts.
   */
  found?: string;
  /**
   * How found values are written: plain values, or HTTP probe answers.
   */
  show?: "value" | "http";
  /**
   * Actions (IAM actions, or `http:GET` for probes) whose failure makes this check an error, not a failure. Repository checks name what they read: `repo:scan` (every file: anything not read makes it an error) or `repo:read:<name>` (`Procfile`, `.ebextensions/*.config`: a failure is an error when that file, or a folder that may hold it, could not be read).
   */
  requires?: string[];
  /**
   * What the subject is read from: the graded resource (default), the submission repository's facts (`--repo DIR`), or the whole snapshot's facts (account-wide checks).
   */
  on?: "resource" | "repo" | "account";
  /**
   * A JMESPath expression (the language of the AWS CLI's --query) over the resource's facts.
   */
  location?: string;
  /**
   * Remarks added to the message of a PASSED check whose subject also matches `when` (JSON Schema), e.g. an accepted alternative to what the course asks for.
   */
  notes?: {
    when: {} | boolean;
    text: Text;
  }[];
  /**
   * Hints for particular situations, tried in order before `hint` when the check fails or cannot be checked: the first whose `when` (JSON Schema over what the check reads: the resource's facts, or the repository's for `on: repo`) matches is shown instead of `hint` (e.g. a stopped instance has no public IP: start it).
   */
  hints?: {
    when: {} | boolean;
    text: Text;
  }[];
}
/**
 * Student-facing text in every language of the reports.
 */
/**
 * Student-facing text in every language of the reports.
 */
/**
 * Student-facing text in every language of the reports.
 */