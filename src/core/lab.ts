import type { Text } from "./text.js";

// Mirrors schemas/lab.schema.json, which is what validates a lab at load time.
export interface Lab {
  id: string;
  title: Text;
  summary?: Text;
  collectors: string[];
  resource: ResourceSpec;
  probes?: ProbeSpec[];
  /** What the lab's collectors need to know about this lab, by collector name. */
  parameters?: LabParameters;
  passMark: number;
  checks: Check[];
}

export interface ResourceSpec {
  collector: string;
  list: string;
  label: Text;
  plural?: Text;
  id: string;
  name?: string;
  requires?: string[];
  where?: object;
  select?: string;
  missing?: Text;
  region?: string;
}

export interface LabParameters {
  lambda?: LambdaParameters;
}

/** lab-lambda: the event of its one invocation, the field holding the message, and what its function looks like. */
export interface LambdaParameters {
  event: Record<string, unknown>;
  messageField: string;
  match: { runtimePrefix: string; handler?: string; memorySize?: number };
}

export interface ProbeSpec {
  id: string;
  host: string;
  port: number;
  scheme?: "http" | "https";
  requests: { path: string }[];
}

export interface Check {
  id: string;
  points: number;
  required?: boolean;
  severity?: "error" | "warning";
  title: Text;
  hint: Text;
  field?: Text;
  fields?: Record<string, Text>;
  subject?: string;
  expected: object | boolean;
  expectedText?: Text;
  found?: string;
  show?: "value" | "http";
  requires?: string[];
  on?: "resource" | "repo" | "account";
  location?: string;
  /** Remarks added to a passed check's message when its subject matches `when` (JSON Schema). */
  notes?: { when: object | boolean; text: Text }[];
}
