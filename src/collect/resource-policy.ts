// Resource policies as facts. Lambda (GetPolicy), SQS (the Policy attribute) and S3 (GetBucketPolicy)
// all answer with the policy document as a JSON string; each statement is normalized here into lists
// a lab can filter with JMESPath: who (principals), what (actions), on what (resources), and the
// conditions that scope it, with the two that matter most to a trigger pulled out (aws:SourceArn,
// aws:SourceAccount, whatever operator and case AWS or the console wrote them with).

export interface PolicyStatementFacts {
  sid: string | null;
  /** Allow or Deny. */
  effect: string | null;
  /** «*», service principals (s3.amazonaws.com), account ids and ARNs, as the statement names them. */
  principals: string[];
  actions: string[];
  resources: string[];
  /** The aws:SourceArn a condition asks for (ArnLike, ArnEquals, StringLike, StringEquals); null when none. */
  sourceArn: string | null;
  sourceAccount: string | null;
  /** The Condition block as written; null when the statement has none. */
  conditions: Record<string, unknown> | null;
}

export interface ResourcePolicyFacts {
  /** The policy's statements; a resource with no policy has none. */
  statements: PolicyStatementFacts[];
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** "*", {"AWS": "*"}, {"Service": ["a", "b"]}, {"AWS": "arn:…"} → the names, flat. */
export function principalsOf(principal: unknown): string[] {
  if (typeof principal === "string") return [principal];
  if (principal === null || typeof principal !== "object") return [];
  return Object.values(principal as Record<string, unknown>).flatMap(strings);
}

/** The first value a condition gives for `key` (compared case-insensitively), under any operator. */
function conditionValue(conditions: Record<string, unknown> | null, key: string): string | null {
  for (const block of Object.values(conditions ?? {})) {
    if (block === null || typeof block !== "object") continue;
    for (const [name, value] of Object.entries(block as Record<string, unknown>)) {
      if (name.toLowerCase() === key) return strings(value)[0] ?? null;
    }
  }
  return null;
}

export function statementFacts(statement: Record<string, unknown>): PolicyStatementFacts {
  const raw = statement["Condition"];
  const conditions = raw !== null && typeof raw === "object" && !Array.isArray(raw) && Object.keys(raw).length > 0 ? (raw as Record<string, unknown>) : null;
  return {
    sid: typeof statement["Sid"] === "string" ? statement["Sid"] : null,
    effect: typeof statement["Effect"] === "string" ? statement["Effect"] : null,
    principals: principalsOf(statement["Principal"]),
    actions: strings(statement["Action"]),
    resources: strings(statement["Resource"]),
    sourceArn: conditionValue(conditions, "aws:sourcearn"),
    sourceAccount: conditionValue(conditions, "aws:sourceaccount"),
    conditions,
  };
}

/** A policy document (object, or the JSON string AWS answers with) as facts; null when it does not parse. */
export function resourcePolicyFacts(document: unknown): ResourcePolicyFacts | null {
  let parsed: unknown = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch {
      return null;
    }
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  const raw = (parsed as Record<string, unknown>)["Statement"];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return {
    statements: list.filter((s): s is Record<string, unknown> => s !== null && typeof s === "object" && !Array.isArray(s)).map(statementFacts),
  };
}

/** A policy document (or its JSON string, URL-encoded as IAM answers) parsed as is, for the IAM evaluator. */
export function policyDocument(text: string | undefined): Record<string, unknown> | null {
  if (!text) return null;
  for (const candidate of [text, safeDecode(text)]) {
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // IAM returns documents URL-encoded (RFC 3986); try the decoded text next.
    }
  }
  return null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
