import { TYPE_ARRAY, TYPE_NULL, TYPE_STRING, isRegistered, register, type JSONValue } from "@jmespath-community/jmespath";
import { arnLike, decide } from "./iam-policy.js";

// Functions labs may call in their JMESPath expressions beyond the standard ones, for what JMESPath
// and JSON Schema cannot say: whether an IAM policy allows a call, whether an ARN pattern covers an
// ARN. Registered once, when the compiler loads; every argument may be null (a fact not collected),
// and then the answer is null, never an exception.

type Args = (JSONValue | unknown)[];

const nullable = (type: number) => ({ types: [type, TYPE_NULL] });

const FUNCTIONS: [string, (args: Args) => JSONValue, ReturnType<typeof nullable>[]][] = [
  [
    // iam_decision(policies, action, resource): "allow", "explicit-deny" or "implicit-deny".
    "iam_decision",
    ([documents, action, resource]) =>
      Array.isArray(documents) && typeof action === "string" && typeof resource === "string" ? decide(documents, action, resource) : null,
    [nullable(TYPE_ARRAY), nullable(TYPE_STRING), nullable(TYPE_STRING)],
  ],
  [
    // arn_like(pattern, arn): IAM's ArnLike (a SourceArn condition against the ARN of a bucket or an API).
    "arn_like",
    ([pattern, arn]) => (typeof pattern === "string" && typeof arn === "string" ? arnLike(pattern, arn) : null),
    [nullable(TYPE_STRING), nullable(TYPE_STRING)],
  ],
];

for (const [name, fn, signature] of FUNCTIONS) {
  if (!isRegistered(name)) register(name, fn as Parameters<typeof register>[1], signature);
}
