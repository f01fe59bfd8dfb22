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
    s3?: S3Parameters;
    iam?: IamParameters;
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
  /**
   * Facts of other collectors that belong to each candidate, attached to it under `as` before any check reads it, in order (a later join may use an earlier one's records): an API's Lambda functions, those functions' roles, a queue's event source mappings. With `key` and `refs`, the records of `list` whose `key` is one of the values `refs` gives for the candidate; without them, every record. Joined records' own `errors` become the candidate's.
   */
  join?: Join[];
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
export interface Join {
  /**
   * The candidate's field that holds the joined records (a list), e.g. `functions`.
   */
  as: string;
  /**
   * Whose facts: a collector the lab lists.
   */
  collector: string;
  /**
   * A JMESPath expression (the language of the AWS CLI's --query) over the resource's facts.
   */
  list: string;
  /**
   * A JMESPath expression (the language of the AWS CLI's --query) over the resource's facts.
   */
  key?: string;
  /**
   * A JMESPath expression (the language of the AWS CLI's --query) over the resource's facts.
   */
  refs?: string;
}
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
    /**
     * The step's name, recorded on its answer as `step`.
     */
    id?: string;
    /**
     * GET when absent; only GET follows redirects (same host).
     */
    method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
    /**
     * From the root, or starting with a var: `{path}`.
     */
    path: string;
    /**
     * Sent as JSON (application/json), vars written into its strings and keys.
     */
    body?: {
      [k: string]: unknown;
    };
    /**
     * Sequential probes: sent only when an earlier step failed, to remove what the walk created.
     */
    cleanup?: boolean;
  }[];
  /**
   * Values over the candidate (JMESPath), written into requests' paths and bodies as {name}; {unique} is a fresh id for this run (calificar-xxxxxxxx). A var that is null leaves the probe unsent («nothing to probe»).
   */
  vars?: {
    [k: string]: Jmespath;
  };
  /**
   * It changes data through the student's app (a CRUD walk): sent only when asked for (`--probar-crud`), otherwise its checks are skipped. Its failures are recorded under `http:active`.
   */
  active?: boolean;
  /**
   * Requests go one after another, in order; after a step without a 2xx answer the rest are not sent, and the `cleanup` steps are.
   */
  sequential?: boolean;
}
/**
 * What the lambda collector reads or runs for this lab. With `event`, `messageField` and `match` it runs the functions that look like the lab's (invokes them once, or reads their last run with --no-invoke); with `read` it reads more about every function; with `lastRun` it reads the last run of the functions a service may invoke, never invoking them. Without any of them it only lists the functions.
 */
export interface LambdaParameters {
  /**
   * The test event sent to the function (its only active call).
   */
  event?: {};
  /**
   * The event field and environment variable that hold the message to count; lines may read «<messageField>: <message>.».
   */
  messageField?: string;
  /**
   * How a function looks like the lab's, from its configuration alone: functions that match none of these are never run without --function.
   */
  match?: {
    runtimePrefix: string;
    handler?: string;
    memorySize?: number;
  };
  /**
   * More facts about every function: its resource policy (lambda:GetPolicy) and the event source mappings that feed functions (lambda:ListEventSourceMappings).
   */
  read?: ("policies" | "eventSourceMappings")[];
  /**
   * Read from CloudWatch Logs the last complete run of the functions whose resource policy lets this service invoke them (e.g. an S3 trigger's function), at most a few, never invoking them. Needs `read: ["policies"]`.
   */
  lastRun?: {
    /**
     * A service principal, e.g. s3.amazonaws.com.
     */
    invokedBy: string;
  };
}
/**
 * More facts about every bucket, read only when a lab asks: its objects (s3:ListBucket, the first 1000 keys), its ACL (s3:GetBucketAcl), its policy and policy status (s3:GetBucketPolicy, s3:GetBucketPolicyStatus), its event notifications (s3:GetBucketNotification).
 */
export interface S3Parameters {
  read?: ("objects" | "acl" | "policy" | "notifications")[];
}
/**
 * What the iam collector reads: the account's hygiene (`account`, the default) and/or the roles a service can assume with their policies (`roles`, with `rolesTrustedBy`).
 */
export interface IamParameters {
  /**
   * @minItems 1
   */
  read?: ("account" | "roles")[];
  /**
   * The service principal whose roles are read, e.g. lambda.amazonaws.com (every role otherwise).
   */
  rolesTrustedBy?: string;
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