import { describe, expect, it } from "vitest";
import { notificationsFacts } from "../../checks/s3.js";
import type { InvocationFacts } from "../../checks/lambda.js";
import { checkTable, gradeOne, readLab } from "../support/check-table.js";
import { ACCOUNT, functionArn, invokePolicy, lambdaFunction } from "../support/api-facts.js";
import { BASIC_EXECUTION, role } from "../support/crud-facts.js";
import { BUCKET } from "../support/s3-facts.js";

// The bucket (the s3 collector with notifications and objects read) joined with the functions its
// notifications invoke (their policies and last run, from the lambda collector's lastRun) and those
// functions' roles (the iam collector). IMAGES passes every check of lab-clasificador.

const LAB = readLab("lab-clasificador");
const NAME = BUCKET.name;
const TRIGGER = notificationsFacts({
  LambdaFunctionConfigurations: [
    { Id: "clasificar", LambdaFunctionArn: functionArn("clasificador"), Events: ["s3:ObjectCreated:*"], Filter: { Key: { FilterRules: [{ Name: "suffix", Value: ".jpg" }] } } },
  ],
});
const RAN: InvocationFacts = {
  status: "logged",
  requestId: "4c1b7a52-8f0e-4d6b-9a3c-2e5f7d9b1c3a",
  statusCode: null,
  functionError: null,
  errorType: null,
  errorMessage: null,
  message: null,
  messageLines: null,
  output: ["Etiquetas de gato.jpg: Cat (98.7), Pet (97.1), Animal (97.1)"],
  logStream: "2026/11/28/[$LATEST]0123456789abcdef0123456789abcdef",
  startedAt: "2026-11-28T09:50:02.311Z",
  tailTruncated: false,
};
const CLASSIFIER_POLICY = invokePolicy("clasificador", [{ principal: "s3.amazonaws.com", sourceArn: `arn:aws:s3:::${NAME}`, sourceAccount: ACCOUNT }]);
const CLASSIFIER = { ...lambdaFunction("clasificador", CLASSIFIER_POLICY, { Role: `arn:aws:iam::${ACCOUNT}:role/service-role/clasificador-role-x9y8` }), invocation: RAN };
const REKOGNITION_READ_ONLY = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["rekognition:CompareFaces", "rekognition:DetectFaces", "rekognition:DetectLabels", "rekognition:List*", "rekognition:Describe*"], Resource: "*" }] };
const S3_READ_ONLY = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"], Resource: "*" }] };
const ROLE = role(
  "clasificador-role-x9y8",
  { name: "AWSLambdaBasicExecutionRole-9f8e", document: BASIC_EXECUTION, arn: `arn:aws:iam::${ACCOUNT}:policy/service-role/AWSLambdaBasicExecutionRole-9f8e` },
  { name: "AmazonRekognitionReadOnlyAccess", document: REKOGNITION_READ_ONLY, arn: "arn:aws:iam::aws:policy/AmazonRekognitionReadOnlyAccess" },
  { name: "AmazonS3ReadOnlyAccess", document: S3_READ_ONLY, arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" },
);

const IMAGES = {
  ...BUCKET,
  notifications: TRIGGER,
  objects: { keyCount: 2, truncated: false, newestKey: "gato.jpg", newestLastModified: "2026-11-28T09:50:01.000Z" },
  functions: [CLASSIFIER],
  roles: [ROLE],
};
const related = (c: Record<string, unknown>) => ({
  lambda: { mode: "logs", functions: c["functions"] ?? [], eventSourceMappings: null },
  iam: { accountId: ACCOUNT, summary: null, caller: null, roles: c["roles"] ?? [] },
});
const fn = (more: Record<string, unknown>) => ({ functions: [{ ...CLASSIFIER, ...more }] });
const ran = (more: Partial<InvocationFacts>) => fn({ invocation: { ...RAN, ...more } });

checkTable("lab-clasificador", "bucket-exists", IMAGES, {
  related,
  passes: [{}],
  fails: [{ facts: { name: "" }, found: "(us-east-1)" }],
});

checkTable("lab-clasificador", "upload-trigger", IMAGES, {
  related,
  passes: [
    {},
    { notifications: notificationsFacts({ LambdaFunctionConfigurations: [{ LambdaFunctionArn: functionArn("clasificador"), Events: ["s3:ObjectCreated:Put"] }] }) },
    // An alias of the function: still the function.
    { notifications: notificationsFacts({ LambdaFunctionConfigurations: [{ LambdaFunctionArn: `${functionArn("clasificador")}:prod`, Events: ["s3:ObjectCreated:*"] }] }) },
  ],
  fails: [
    { facts: { notifications: notificationsFacts({}) }, found: null },
    {
      facts: { notifications: notificationsFacts({ LambdaFunctionConfigurations: [{ LambdaFunctionArn: functionArn("clasificador"), Events: ["s3:ObjectRemoved:*"] }] }) },
      found: "clasificador ← s3:ObjectRemoved:*",
    },
    // To a queue, not a function.
    { facts: { notifications: notificationsFacts({ QueueConfigurations: [{ QueueArn: "arn:aws:sqs:us-east-1:123456789012:imagenes", Events: ["s3:ObjectCreated:*"] }] }) }, found: null },
  ],
  errors: [
    {
      facts: { notifications: null, errors: [{ action: "s3:GetBucketNotification", code: "AccessDenied", kind: "denied", message: "Access Denied", collector: "s3", region: "us-east-1", target: NAME }] },
      errors: [],
      says: { es: "falta el permiso s3:GetBucketNotification", en: "the permission s3:GetBucketNotification is missing" },
    },
  ],
});

describe("lab-clasificador › upload-trigger evidence", () => {
  it("shows the trigger's events and filters when it passes", () => {
    const check = gradeOne(LAB, IMAGES, { facts: related(IMAGES) }).checks.find((c) => c.id === "upload-trigger")!;
    expect(check.message).toBe("notificaciones de eventos a Lambda: clasificador ← s3:ObjectCreated:* *.jpg");
  });
});

checkTable("lab-clasificador", "invoke-permission", IMAGES, {
  related,
  passes: [
    {},
    fn({ policy: (lambdaFunction("c", invokePolicy("clasificador", [{ principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::curso-*" }])).policy) }),
    fn({ policy: lambdaFunction("c", invokePolicy("clasificador", [{ principal: "s3.amazonaws.com" }])).policy }),
  ],
  fails: [
    {
      facts: fn({ policy: { statements: [] } }),
      found: "clasificador",
      says: { es: "la política de clasificador no deja que S3 (s3.amazonaws.com) la invoque desde este bucket", en: "the policy of clasificador does not let S3 (s3.amazonaws.com) invoke it from this bucket" },
    },
    { facts: fn({ policy: lambdaFunction("c", invokePolicy("clasificador", [{ principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::otro-bucket" }])).policy }), found: "clasificador" },
    { facts: fn({ policy: lambdaFunction("c", invokePolicy("clasificador", [{ principal: "apigateway.amazonaws.com" }])).policy }), found: "clasificador" },
    { facts: { functions: [], roles: [] }, says: { es: `el bucket ${NAME} no envía sus eventos a ninguna función Lambda de la región calificada`, en: "sends its events to no Lambda function of the graded region" } },
  ],
  errors: [
    {
      facts: fn({ policy: null, errors: [{ action: "lambda:GetPolicy", code: "AccessDeniedException", kind: "denied", message: "not authorized", collector: "lambda", region: "us-east-1", target: "clasificador" }] }),
      errors: [],
      says: { es: "falta el permiso lambda:GetPolicy", en: "the permission lambda:GetPolicy is missing" },
    },
  ],
});

describe("lab-clasificador › invoke-permission notes", () => {
  it("warns when the permission names no bucket", () => {
    const candidate = { ...IMAGES, ...fn({ policy: lambdaFunction("c", invokePolicy("clasificador", [{ principal: "s3.amazonaws.com" }])).policy }) };
    const check = gradeOne(LAB, candidate, { facts: related(candidate) }).checks.find((c) => c.id === "invoke-permission")!;
    expect(check.status).toBe("passed");
    expect(check.notes).toEqual([expect.stringContaining("aviso: el permiso no dice desde qué bucket")]);
  });
});

const withRolePolicies = (...policies: Parameters<typeof role>[1][]) => ({ roles: [role("clasificador-role-x9y8", ...policies)] });

checkTable("lab-clasificador", "role-can-detect-labels", IMAGES, {
  related,
  passes: [
    {},
    withRolePolicies({
      name: "clasificar",
      document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "rekognition:DetectLabels", Resource: "*" }, { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${NAME}/*` }] },
    }),
  ],
  fails: [
    {
      facts: withRolePolicies({ name: "basico", document: BASIC_EXECUTION }, { name: "s3", document: S3_READ_ONLY }),
      found: "implicit-deny",
      says: { es: "el rol de ejecución de la función no permite rekognition:DetectLabels (resultado: implicit-deny)", en: "does not allow rekognition:DetectLabels (result: implicit-deny)" },
    },
    {
      facts: withRolePolicies({ name: "rek", document: REKOGNITION_READ_ONLY }, { name: "otro", document: { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::otro-bucket/*" } } }),
      says: { es: "no puede leer las imágenes del bucket", en: "cannot read the bucket's images" },
    },
    {
      facts: withRolePolicies({ name: "rek", document: REKOGNITION_READ_ONLY }, { name: "s3", document: S3_READ_ONLY }, { name: "no", document: { Version: "2012-10-17", Statement: { Effect: "Deny", Action: "rekognition:*", Resource: "*" } } }),
      found: "explicit-deny",
    },
    { facts: { roles: [] }, says: { es: `no se encontró el rol de ejecución de la función que invoca el bucket ${NAME}`, en: "execution role of the function the bucket" } },
  ],
  errors: [
    {
      facts: { roles: [{ ...ROLE, errors: [{ action: "iam:GetPolicyVersion", code: "AccessDenied", kind: "denied", message: "not authorized", collector: "iam", target: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }] }] },
      errors: [],
      says: { es: "falta el permiso iam:GetPolicyVersion", en: "the permission iam:GetPolicyVersion is missing" },
    },
    {
      errors: [{ action: "iam:ListRoles", code: "AccessDenied", kind: "denied", message: "not authorized", collector: "iam", region: "us-east-1" }],
      says: { es: "falta el permiso iam:ListRoles", en: "the permission iam:ListRoles is missing" },
    },
  ],
});

checkTable("lab-clasificador", "runtime-supported", IMAGES, {
  related,
  passes: [{}, fn({ runtime: "nodejs22.x" }), fn({ runtime: "python3.14" }), fn({ runtime: null, packageType: "Image" })],
  fails: [
    { facts: fn({ runtime: "python3.9" }), found: "clasificador python3.9", says: { es: "runtime obsoleto en AWS Lambda: clasificador python3.9", en: "runtime deprecated in AWS Lambda: clasificador python3.9" } },
    { facts: fn({ runtime: "nodejs20.x" }), found: "clasificador nodejs20.x" },
    { facts: { functions: [] }, says: { es: "no hay runtime que revisar", en: "there is no runtime to check" } },
  ],
});

checkTable("lab-clasificador", "classified-an-image", IMAGES, {
  related,
  passes: [
    {},
    // Uploaded and run within the same second.
    ran({ startedAt: "2026-11-28T09:50:01.000Z" }),
  ],
  fails: [
    {
      facts: ran({ functionError: "Unhandled", errorType: "AccessDeniedException", errorMessage: "User is not authorized to perform: rekognition:DetectLabels" }),
      found: "AccessDeniedException: User is not authorized to perform: rekognition:DetectLabels",
      says: { es: "la última ejecución de la función falló: AccessDeniedException", en: "the function's latest run failed: AccessDeniedException" },
    },
    {
      facts: fn({ invocation: { ...RAN, status: "no-logs", startedAt: null, logStream: null, output: [] } }),
      found: "/aws/lambda/clasificador",
      says: { es: "no hay ninguna ejecución completa de la función en CloudWatch Logs (/aws/lambda/clasificador)", en: "no complete run of the function in CloudWatch Logs" },
    },
    {
      facts: ran({ startedAt: "2026-11-28T09:40:00.000Z" }),
      found: "2026-11-28T09:40:00.000Z < 2026-11-28T09:50:01.000Z",
      says: { es: "la última subida es posterior a la última ejecución de la función (2026-11-28T09:40:00.000Z < 2026-11-28T09:50:01.000Z)", en: "the latest upload came after the function's latest run" },
    },
    {
      facts: { objects: { keyCount: 0, truncated: false, newestKey: null, newestLastModified: null } },
      says: { es: `el bucket ${NAME} no tiene objetos: sube una imagen (aws s3 cp gato.jpg s3://${NAME}/)`, en: `the bucket ${NAME} holds no objects` },
    },
    // Its policy does not let S3 invoke it: its logs were not read (lastRun reads only those).
    { facts: fn({ invocation: { ...RAN, status: "skipped", startedAt: null } }), found: "clasificador", says: { es: "no se leyó el registro de clasificador", en: "the log of clasificador was not read" } },
    { facts: { functions: [] }, says: { es: "no hay registro que revisar", en: "there is no log to check" } },
  ],
  errors: [
    {
      facts: fn({ invocation: null, errors: [{ action: "logs:DescribeLogStreams", code: "AccessDeniedException", kind: "denied", message: "not authorized", collector: "lambda", region: "us-east-1", target: "clasificador" }] }),
      errors: [],
      says: { es: "falta el permiso logs:DescribeLogStreams", en: "the permission logs:DescribeLogStreams is missing" },
    },
  ],
});

describe("lab-clasificador as a whole", () => {
  it("passes the course's classifier with every point and names the run it read", () => {
    const result = gradeOne(LAB, IMAGES, { facts: related(IMAGES) });
    expect(result.checks.filter((c) => c.status !== "passed").map((c) => c.message)).toEqual([]);
    expect(result.score).toBe(10);
    expect(result.checks.find((c) => c.id === "classified-an-image")!.message).toBe(
      "registro de la función en CloudWatch Logs: última ejecución: 2026-11-28T09:50:02.311Z · última subida: 2026-11-28T09:50:01.000Z",
    );
  });
});
