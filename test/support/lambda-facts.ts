import type { InvocationFacts, LambdaFunctionFacts } from "../../checks/lambda.js";
import type { CallError } from "../../src/core/snapshot.js";

/** What the course's function prints with what_to_print=«Hola desde Platzi» (the env variant's line). */
export const COURSE_LINE = "what_to_print: Hola desde Platzi.";

/** The run of a function that printed its message six times, as checks/lambda.ts records an Invoke. */
export const SIX_LINES: InvocationFacts = {
  status: "invoked",
  requestId: "8f5a3c1e-2b7d-4e9f-a1c6-0d3e5f7a9b21",
  statusCode: 200,
  functionError: null,
  errorType: null,
  errorMessage: null,
  message: "Hola desde Platzi",
  messageLines: 6,
  output: Array.from({ length: 6 }, () => COURSE_LINE),
  logStream: null,
  startedAt: null,
  tailTruncated: false,
};

/** A student who did everything right: passes every check of lab-lambda. */
export const FUNCTION = {
  functionName: "mi-funcion",
  functionArn: "arn:aws:lambda:us-east-1:123456789012:function:mi-funcion",
  runtime: "python3.13",
  handler: "lambda_function.lambda_handler",
  memorySize: 128,
  timeout: 3,
  packageType: "Zip",
  architectures: ["x86_64"],
  lastModified: "2026-11-28T09:40:00.000Z",
  description: null,
  logGroup: "/aws/lambda/mi-funcion",
  logFormat: "Text",
  environment: { what_to_print: "Hola desde Platzi", how_many_times: "6" },
  role: "arn:aws:iam::123456789012:role/service-role/mi-funcion-role-x1y2z3",
  policy: null,
  invocation: SIX_LINES,
  errors: [] as CallError[],
} satisfies LambdaFunctionFacts;

/** The invocation with some facts changed; the rest as in SIX_LINES. */
export function run(changes: Partial<InvocationFacts>): Pick<LambdaFunctionFacts, "invocation"> {
  return { invocation: { ...SIX_LINES, ...changes } };
}

/** An SDK denial as ctx.attempt records it for the lambda collector; `target` for calls about one function. */
export function denied(action: string, target?: string, code = "AccessDeniedException"): CallError {
  return {
    action,
    code,
    kind: "denied",
    message: `User: arn:aws:iam::123456789012:user/ana is not authorized to perform: ${action}`,
    region: "us-east-1",
    collector: "lambda",
    ...(target ? { target } : {}),
  };
}
