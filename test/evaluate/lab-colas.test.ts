import { describe, expect, it } from "vitest";
import { eventSourceMappingFacts } from "../../checks/lambda.js";
import { queueFacts, resolveDeadLetters, type QueueFacts } from "../../checks/sqs.js";
import { checkTable, gradeOne, readLab } from "../support/check-table.js";
import { functionArn, lambdaFunction } from "../support/api-facts.js";
import type { CallError } from "../../src/core/snapshot.js";

// A queue as checks/sqs.ts reads GetQueueAttributes (every value a string, RedrivePolicy and Policy
// JSON inside it), with its dead-letter queue resolved against the listing; `consumers` and
// `consumerFunctions` are the lab's joins, which `related` puts back in the lambda collector's facts.

const ARN = (name: string) => `arn:aws:sqs:us-east-1:123456789012:${name}`;
const URL_OF = (name: string) => `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`;

function queue(name: string, attributes: Record<string, string> = {}, others: string[] = ["pedidos-dlq"]): QueueFacts & Record<string, unknown> {
  const all = [name, ...others].map((n) =>
    queueFacts(URL_OF(n), { QueueArn: ARN(n), VisibilityTimeout: "30", SqsManagedSseEnabled: "true", ...(n === name ? attributes : {}) }, []),
  );
  return { ...resolveDeadLetters(all)[0]! };
}

const REDRIVE = JSON.stringify({ deadLetterTargetArn: ARN("pedidos-dlq"), maxReceiveCount: 5 });
const WORKER = lambdaFunction("procesar-pedidos", null, { Timeout: 5 });
const MAPPING = eventSourceMappingFacts({
  UUID: "2e466b6c-ccad-4725-a146-76605a2a22e3",
  EventSourceArn: ARN("pedidos"),
  FunctionArn: functionArn("procesar-pedidos"),
  State: "Enabled",
  BatchSize: 10,
  LastModified: new Date("2026-11-28T09:40:00Z"),
});

const QUEUE = { ...queue("pedidos", { RedrivePolicy: REDRIVE, VisibilityTimeout: "30" }), consumers: [MAPPING], consumerFunctions: [WORKER] };
const related = (c: Record<string, unknown>) => ({
  lambda: { mode: "invoke", functions: c["consumerFunctions"] ?? [], eventSourceMappings: c["consumers"] ?? [] },
});
const withAttributes = (attributes: Record<string, string>) => {
  const { consumers, consumerFunctions } = QUEUE;
  return { ...queue("pedidos", attributes), consumers, consumerFunctions };
};

const deniedAttributes: CallError = {
  action: "sqs:GetQueueAttributes",
  code: "AccessDenied",
  kind: "denied",
  message: "User: arn:aws:iam::123456789012:user/ana is not authorized to perform: sqs:getqueueattributes",
  collector: "sqs",
  region: "us-east-1",
  target: "pedidos",
};

checkTable("lab-colas", "queue-exists", QUEUE, {
  related,
  passes: [{}, queue("pedidos.fifo", { FifoQueue: "true" })],
  fails: [{ facts: { queueName: "" }, found: "?" }],
});

checkTable("lab-colas", "dead-letter-queue", QUEUE, {
  related,
  passes: [
    {},
    // SQS wrote maxReceiveCount as a string: still a number to the check.
    withAttributes({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN("pedidos-dlq"), maxReceiveCount: "10" }) }),
    withAttributes({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN("pedidos-dlq"), maxReceiveCount: 1 }) }),
  ],
  fails: [
    {
      facts: withAttributes({}),
      says: {
        es: "la cola pedidos no envía sus mensajes fallidos a ninguna cola de mensajes fallidos (no tiene política de redrive)",
        en: "the queue pedidos sends its failed messages to no dead-letter queue (it has no redrive policy)",
      },
    },
    {
      facts: withAttributes({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN("borrada-dlq"), maxReceiveCount: 5 }) }),
      found: ARN("borrada-dlq"),
      says: { es: "la cola de mensajes fallidos arn:aws:sqs:us-east-1:123456789012:borrada-dlq no existe", en: "does not exist in this region" },
    },
    {
      facts: withAttributes({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN("pedidos-dlq"), maxReceiveCount: 50 }) }),
      found: "50",
      expected: "como máximo 10",
      says: { es: "número máximo de recepciones (maxReceiveCount): se esperaba como máximo 10, se encontró 50", en: "maximum receives (maxReceiveCount): expected at most 10, found 50" },
    },
  ],
  errors: [{ facts: { ...queueFacts(URL_OF("pedidos"), undefined, [deniedAttributes]) }, errors: [], says: { es: "falta el permiso sqs:GetQueueAttributes", en: "the permission sqs:GetQueueAttributes is missing" } }],
});

checkTable("lab-colas", "encryption", QUEUE, {
  related,
  passes: [{}, withAttributes({ SqsManagedSseEnabled: "false", KmsMasterKeyId: "alias/aws/sqs" })],
  fails: [
    {
      facts: withAttributes({ SqsManagedSseEnabled: "false" }),
      found: null,
      says: { es: "cifrado de la cola: se esperaba SSE-SQS (claves de SQS) o SSE-KMS, no se encontró nada", en: "queue encryption: expected SSE-SQS (SQS-managed keys) or SSE-KMS, found nothing" },
    },
  ],
});

checkTable("lab-colas", "consumer", QUEUE, {
  related,
  passes: [{}],
  fails: [
    { facts: { consumers: [], consumerFunctions: [] }, found: null },
    { facts: { consumers: [{ ...MAPPING, state: "Disabled" }] }, found: "procesar-pedidos (Disabled)" },
  ],
  errors: [
    {
      errors: [{ action: "lambda:ListEventSourceMappings", code: "AccessDeniedException", kind: "denied", message: "not authorized", collector: "lambda", region: "us-east-1" }],
      says: { es: "falta el permiso lambda:ListEventSourceMappings", en: "the permission lambda:ListEventSourceMappings is missing" },
    },
  ],
});

checkTable("lab-colas", "visibility-timeout", QUEUE, {
  related,
  passes: [
    {},
    // Exactly the function's timeout is enough (a note recommends six times).
    withAttributes({ VisibilityTimeout: "5" }),
    { consumerFunctions: [{ ...WORKER, timeout: 900 }], ...{ visibilityTimeout: 5400 } },
  ],
  fails: [
    {
      facts: { visibilityTimeout: 3 },
      found: "3 s < 5 s",
      says: { es: "el tiempo de visibilidad de la cola es menor que el tiempo de espera de la función que la lee (3 s < 5 s)", en: "shorter than the timeout of the function reading it (3 s < 5 s)" },
    },
    { facts: { consumers: [], consumerFunctions: [] }, says: { es: "ninguna función Lambda lee la cola pedidos", en: "no Lambda function reads the queue pedidos" } },
  ],
});

describe("lab-colas › visibility-timeout notes", () => {
  const check = (facts: Record<string, unknown>) => {
    const candidate = { ...QUEUE, ...facts };
    return gradeOne(readLab("lab-colas"), candidate, { facts: related(candidate) }).checks.find((c) => c.id === "visibility-timeout")!;
  };
  it("recommends six times the function's timeout when the queue has less", () => {
    expect(check({ visibilityTimeout: 10 }).notes).toEqual([expect.stringContaining("AWS recomienda que el tiempo de visibilidad sea al menos 6 veces")]);
  });
  it("says nothing more at six times or above", () => {
    expect(check({ visibilityTimeout: 30 }).notes).toBeUndefined();
  });
});

checkTable("lab-colas", "no-public-policy", QUEUE, {
  related,
  passes: [
    {},
    // SNS may send, but only from its own topic: narrowed by a condition.
    withAttributes({
      Policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "sns", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage", Resource: ARN("pedidos"), Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:pedidos" } } }],
      }),
    }),
    withAttributes({ Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: ARN("pedidos"), Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:t" } } }] }) }),
  ],
  fails: [
    {
      facts: withAttributes({ Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "todos", Effect: "Allow", Principal: "*", Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: ARN("pedidos") }] }) }),
      found: "todos sqs:SendMessage, sqs:ReceiveMessage",
    },
    { facts: withAttributes({ Policy: JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Principal: { AWS: "*" }, Action: "SQS:*", Resource: "*" } }) }), found: "- SQS:*" },
  ],
});
