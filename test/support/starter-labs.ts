import { seedBucket } from "./s3-seed.js";
import { BASIC_EXECUTION, allowInvoke, doc, seedFunction, seedHttpApi, seedQueue, seedRole, seedTable, seedTrigger, seedUploadTrigger } from "./starter-seed.js";

// Each starter lab's work as the course asks for it, built in moto through starter-seed.ts: where
// the end-to-end tests start (and then break one thing), and the student who did everything right
// in `npm run bench` (bench/labs.ts). Options take one piece away or change it.

/** lab-api-hola: a function, an HTTP API with GET /hola to it on $default, and API Gateway's permission to invoke it. */
export async function helloApi(endpoint: string, permission: "scoped" | "none" | "wildcard" = "scoped"): Promise<{ apiId: string; host: string; arn: string }> {
  const role = await seedRole(endpoint, "hola-role-a1b2", { managed: { "AWSLambdaBasicExecutionRole-hola": BASIC_EXECUTION } });
  await seedFunction(endpoint, "hola", role);
  const api = await seedHttpApi(endpoint, "hola-api", [{ key: "GET /hola", fn: "hola" }]);
  if (permission !== "none") await allowInvoke(endpoint, "hola", "apigateway.amazonaws.com", permission === "scoped" ? `${api.arn}/*/*/hola` : undefined);
  return api;
}

/** lab-colas: «pedidos», encrypted, with its dead-letter queue, read by a function with room to work. */
export async function courseQueue(
  endpoint: string,
  more: { visibility?: string; sse?: boolean; maxReceiveCount?: number; timeout?: number } = {},
): Promise<{ url: string; arn: string }> {
  const dlq = await seedQueue(endpoint, "pedidos-dlq", { SqsManagedSseEnabled: "true" });
  const queue = await seedQueue(endpoint, "pedidos", {
    VisibilityTimeout: more.visibility ?? "30",
    SqsManagedSseEnabled: String(more.sse ?? true),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: String(more.maxReceiveCount ?? 5) }),
  });
  const role = await seedRole(endpoint, "procesar-role");
  await seedFunction(endpoint, "procesar-pedidos", role, { timeout: more.timeout ?? 5 });
  await seedTrigger(endpoint, queue.arn, "procesar-pedidos");
  return queue;
}

export const CLASSIFIER_BUCKET = "clasificador-ana";

/**
 * lab-clasificador: the bucket, a function whose role may read it and call Rekognition, S3's
 * permission to invoke it and the upload trigger. An upload and the run it caused are the tests'
 * (`upload`, `seedRun`): when they happen is what some tests change.
 */
export async function classifier(
  endpoint: string,
  options: { trigger?: boolean; permission?: boolean; rekognition?: boolean; runtime?: "python3.13" | "python3.9" } = {},
): Promise<void> {
  const bucket = CLASSIFIER_BUCKET;
  await seedBucket(endpoint, { name: bucket });
  const role = await seedRole(endpoint, "clasificador-role-x9y8", {
    managed: { "AWSLambdaBasicExecutionRole-clasificador": BASIC_EXECUTION, "leer-imagenes": doc({ Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::${bucket}/*` }) },
    ...(options.rekognition === false ? {} : { inline: { rekognition: doc({ Effect: "Allow", Action: "rekognition:DetectLabels", Resource: "*" }) } }),
  });
  await seedFunction(endpoint, "clasificador", role, { runtime: options.runtime ?? "python3.13" });
  if (options.permission !== false) await allowInvoke(endpoint, "clasificador", "s3.amazonaws.com", `arn:aws:s3:::${bucket}`);
  if (options.trigger !== false) await seedUploadTrigger(endpoint, bucket, "clasificador");
}

export const CRUD_ROUTES = ["POST /usuarios", "GET /usuarios/{id}", "GET /usuarios", "PUT /usuarios/{id}", "DELETE /usuarios/{id}"];
/** What the course's CRUD function does to its table. */
export const ITEM_ACTIONS = ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Scan"];

/** lab-crud: the «usuarios» table, a function whose role may do ITEM_ACTIONS on it alone, and an HTTP API with the five routes. */
export async function courseCrud(
  endpoint: string,
  options: { broadRole?: boolean; capacity?: { read: number; write: number } | null } = {},
): Promise<{ apiId: string; host: string; arn: string }> {
  const table = await seedTable(endpoint, "usuarios", { name: "id", type: "S" }, options.capacity ?? null);
  const role = await seedRole(endpoint, "usuarios-crud-role-a1b2", {
    managed: { "AWSLambdaBasicExecutionRole-crud": BASIC_EXECUTION, ...(options.broadRole ? { "dynamodb-todo": doc({ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }) } : {}) },
    ...(options.broadRole ? {} : { inline: { "crud-tabla": doc({ Effect: "Allow", Action: ITEM_ACTIONS, Resource: table }) } }),
  });
  await seedFunction(endpoint, "usuarios-crud", role, { env: { TABLA: "usuarios" } });
  return seedHttpApi(endpoint, "usuarios-api", CRUD_ROUTES.map((key) => ({ key, fn: "usuarios-crud" })));
}
