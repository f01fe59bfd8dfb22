// Generated from schemas/snapshot.schema.json by scripts/schema-types.mjs (npm run schema-types): do not edit.
/* eslint-disable */
/**
 * What calificar collected from one AWS account: enough to grade it again with no AWS access (`--snapshot FILE`).
 */
export interface SnapshotDocument {
  $schema?: string;
  /**
   * 2: probe answers in `probes` by candidate id. 1: on the candidates themselves (still read).
   */
  schemaVersion: 1 | 2;
  tool: {
    name: string;
    version: string;
  };
  lab?: string;
  collectedAt: string;
  account: null | {
    id: string;
    arn: string;
  };
  region: string;
  endpoint?: string;
  /**
   * Normalized facts, one object per collector (ec2, s3, lambda, ...).
   */
  facts: {
    [k: string]: {};
  };
  /**
   * The lab's HTTP probes, by the id of the candidate probed: answers by probe id, and the probes that timed out.
   */
  probes?: {
    [k: string]: {
      answers: {
        [k: string]: HttpAnswer[];
      };
      errors: CallError[];
    };
  };
  elsewhere?: {
    region: string;
    count: number;
    ids: string[];
  }[];
  skipped?: {
    action: string;
    reason: string;
  }[];
  errors: CallError[];
}
export interface HttpAnswer {
  path: string;
  url: string;
  status?: number;
  body?: string;
  error?: {
    code: string;
    message?: string;
  };
}
export interface CallError {
  action: string;
  code: string;
  kind: "denied" | "throttled" | "credentials" | "network" | "timeout" | "api";
  message: string;
  region?: string;
  collector?: string;
  target?: string;
}
