import { execFileSync } from "node:child_process";
import { APIGatewayClient, CreateDeploymentCommand, CreateResourceCommand, CreateRestApiCommand, GetResourcesCommand, PutIntegrationCommand, PutMethodCommand } from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from "@aws-sdk/client-apigatewayv2";
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateTableCommand, DynamoDBClient, type GlobalSecondaryIndex } from "@aws-sdk/client-dynamodb";
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { AddPermissionCommand, CreateEventSourceMappingCommand, CreateFunctionCommand, LambdaClient, type Runtime } from "@aws-sdk/client-lambda";
import { PutBucketAclCommand, PutBucketNotificationConfigurationCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";

// What a student of each starter project leaves in the account, made through the SDK against moto:
// roles and their policies, functions and their permissions, HTTP and REST APIs, queues with their
// triggers, tables, bucket notifications, and a function's CloudWatch Logs.

const CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };
const REGION = "us-east-1";
export const ACCOUNT = "123456789012";

function clients(endpoint: string) {
  const common = { region: REGION, endpoint, credentials: CREDENTIALS };
  return {
    iam: new IAMClient(common),
    lambda: new LambdaClient(common),
    v2: new ApiGatewayV2Client(common),
    v1: new APIGatewayClient(common),
    sqs: new SQSClient(common),
    ddb: new DynamoDBClient(common),
    s3: new S3Client({ ...common, forcePathStyle: true }),
    logs: new CloudWatchLogsClient(common),
  };
}

export type PolicyDoc = { Version: "2012-10-17"; Statement: Record<string, unknown>[] | Record<string, unknown> };
export const doc = (...Statement: Record<string, unknown>[]): PolicyDoc => ({ Version: "2012-10-17", Statement });

const LAMBDA_TRUST = doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
export const BASIC_EXECUTION = doc({ Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" });

/** A role Lambda may assume, with inline policies and customer-managed ones attached (moto ships no AWS managed policies by default). */
export async function seedRole(endpoint: string, name: string, policies: { inline?: Record<string, PolicyDoc>; managed?: Record<string, PolicyDoc> } = {}): Promise<string> {
  const { iam } = clients(endpoint);
  const role = await iam.send(new CreateRoleCommand({ RoleName: name, Path: "/service-role/", AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST) }));
  for (const [policyName, document] of Object.entries(policies.inline ?? {})) {
    await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: policyName, PolicyDocument: JSON.stringify(document) }));
  }
  for (const [policyName, document] of Object.entries(policies.managed ?? {})) {
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: policyName, PolicyDocument: JSON.stringify(document) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: created.Policy!.Arn! }));
  }
  iam.destroy();
  return role.Role!.Arn!;
}

function zipOf(code: string): Uint8Array {
  const script = "import base64, io, sys, zipfile\nb = io.BytesIO()\nwith zipfile.ZipFile(b, 'w') as z: z.writestr('lambda_function.py', sys.stdin.read())\nprint(base64.b64encode(b.getvalue()).decode())";
  return Buffer.from(execFileSync("python3", ["-c", script], { input: code, encoding: "utf8" }).trim(), "base64");
}

export async function seedFunction(
  endpoint: string,
  name: string,
  role: string,
  more: { runtime?: Runtime; timeout?: number; env?: Record<string, string> } = {},
): Promise<string> {
  const { lambda } = clients(endpoint);
  const created = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: more.runtime ?? "python3.13",
      Role: role,
      Handler: "lambda_function.lambda_handler",
      Code: { ZipFile: zipOf("def lambda_handler(event, context):\n    return {'statusCode': 200, 'body': 'Hola'}\n") },
      Timeout: more.timeout ?? 3,
      MemorySize: 128,
      ...(more.env ? { Environment: { Variables: more.env } } : {}),
    }),
  );
  lambda.destroy();
  return created.FunctionArn!;
}

/** `aws lambda add-permission`: what the console's «Add trigger» does. */
export async function allowInvoke(endpoint: string, fn: string, principal: string, sourceArn?: string, id = `permiso-${principal.split(".")[0]}`): Promise<void> {
  const { lambda } = clients(endpoint);
  await lambda.send(
    new AddPermissionCommand({
      FunctionName: fn,
      StatementId: id,
      Action: "lambda:InvokeFunction",
      Principal: principal,
      ...(sourceArn ? { SourceArn: sourceArn } : {}),
      ...(principal === "s3.amazonaws.com" ? { SourceAccount: ACCOUNT } : {}),
    }),
  );
  lambda.destroy();
}

/** An HTTP API with routes (each to a function's Lambda proxy integration, or to none) and a stage. */
export async function seedHttpApi(
  endpoint: string,
  name: string,
  routes: { key: string; fn: string | null }[],
  stage: { name: string; autoDeploy: boolean } | null = { name: "$default", autoDeploy: true },
): Promise<{ apiId: string; host: string; arn: string }> {
  const { v2 } = clients(endpoint);
  const api = await v2.send(new CreateApiCommand({ Name: name, ProtocolType: "HTTP" }));
  const apiId = api.ApiId!;
  const integrations = new Map<string, string>();
  for (const route of routes) {
    let target: string | undefined;
    if (route.fn) {
      if (!integrations.has(route.fn)) {
        const integration = await v2.send(
          new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: "AWS_PROXY", IntegrationUri: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${route.fn}`, PayloadFormatVersion: "2.0" }),
        );
        integrations.set(route.fn, integration.IntegrationId!);
      }
      target = `integrations/${integrations.get(route.fn)}`;
    }
    await v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: route.key, ...(target ? { Target: target } : {}) }));
  }
  if (stage) await v2.send(new CreateStageCommand({ ApiId: apiId, StageName: stage.name, AutoDeploy: stage.autoDeploy }));
  v2.destroy();
  return { apiId, host: new URL(api.ApiEndpoint!).host, arn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${apiId}` };
}

/** A REST API with GET /<path> as a Lambda proxy, deployed to `stage`. */
export async function seedRestApi(endpoint: string, name: string, path: string, fn: string, stage = "prod"): Promise<{ apiId: string }> {
  const { v1 } = clients(endpoint);
  const api = await v1.send(new CreateRestApiCommand({ name }));
  const root = (await v1.send(new GetResourcesCommand({ restApiId: api.id! }))).items!.find((r) => r.path === "/")!;
  const resource = await v1.send(new CreateResourceCommand({ restApiId: api.id!, parentId: root.id!, pathPart: path }));
  await v1.send(new PutMethodCommand({ restApiId: api.id!, resourceId: resource.id!, httpMethod: "GET", authorizationType: "NONE" }));
  await v1.send(
    new PutIntegrationCommand({
      restApiId: api.id!,
      resourceId: resource.id!,
      httpMethod: "GET",
      type: "AWS_PROXY",
      integrationHttpMethod: "POST",
      uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn}/invocations`,
    }),
  );
  await v1.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: stage }));
  v1.destroy();
  return { apiId: api.id! };
}

export async function seedQueue(endpoint: string, name: string, attributes: Record<string, string> = {}): Promise<{ url: string; arn: string }> {
  const { sqs } = clients(endpoint);
  const created = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: created.QueueUrl!, AttributeNames: ["QueueArn"] }))).Attributes!["QueueArn"]!;
  sqs.destroy();
  return { url: created.QueueUrl!, arn };
}

/** `aws lambda create-event-source-mapping`: the function reads the queue. */
export async function seedTrigger(endpoint: string, queueArn: string, fn: string, enabled = true): Promise<void> {
  const { lambda } = clients(endpoint);
  await lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: queueArn, FunctionName: fn, BatchSize: 10, Enabled: enabled }));
  lambda.destroy();
}

export async function seedTable(
  endpoint: string,
  name: string,
  key: { name: string; type: "S" | "N" } = { name: "id", type: "S" },
  capacity: { read: number; write: number; indexes?: GlobalSecondaryIndex[] } | null = null,
): Promise<string> {
  const { ddb } = clients(endpoint);
  const created = await ddb.send(
    new CreateTableCommand({
      TableName: name,
      KeySchema: [{ AttributeName: key.name, KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: key.name, AttributeType: key.type }],
      ...(capacity
        ? { BillingMode: "PROVISIONED", ProvisionedThroughput: { ReadCapacityUnits: capacity.read, WriteCapacityUnits: capacity.write } }
        : { BillingMode: "PAY_PER_REQUEST" }),
    }),
  );
  ddb.destroy();
  return created.TableDescription!.TableArn!;
}

/** The bucket's ObjectCreated events to a function, as the console's S3 trigger writes them. */
export async function seedUploadTrigger(endpoint: string, bucket: string, fn: string, events = ["s3:ObjectCreated:*"], suffix: string | null = ".jpg"): Promise<void> {
  const { s3 } = clients(endpoint);
  await s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: bucket,
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Id: "clasificar",
            LambdaFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn}`,
            Events: events as never,
            ...(suffix ? { Filter: { Key: { FilterRules: [{ Name: "suffix", Value: suffix }] } } } : {}),
          },
        ],
      },
    }),
  );
  s3.destroy();
}

export async function upload(endpoint: string, bucket: string, key: string, body = "imagen"): Promise<void> {
  const { s3 } = clients(endpoint);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  s3.destroy();
}

export async function makePublic(endpoint: string, bucket: string, how: "acl" | "policy"): Promise<void> {
  const { s3 } = clients(endpoint);
  if (how === "acl") await s3.send(new PutBucketAclCommand({ Bucket: bucket, ACL: "public-read" }));
  else {
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: bucket,
        Policy: JSON.stringify(doc({ Sid: "LecturaPublica", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/*` })),
      }),
    );
  }
  s3.destroy();
}

/** A run of a function in its log group, as Lambda writes it (START … END, REPORT), at `at`. */
export async function seedRun(endpoint: string, fn: string, at: Date, lines: string[]): Promise<void> {
  const { logs } = clients(endpoint);
  const group = `/aws/lambda/${fn}`;
  await logs.send(new CreateLogGroupCommand({ logGroupName: group })).catch(() => undefined);
  const stream = `${at.toISOString().slice(0, 10).replaceAll("-", "/")}/[$LATEST]${Math.random().toString(16).slice(2, 18)}`;
  await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  const id = "4c1b7a52-8f0e-4d6b-9a3c-2e5f7d9b1c3a";
  const messages = [`START RequestId: ${id} Version: $LATEST`, ...lines, `END RequestId: ${id}`, `REPORT RequestId: ${id}\tDuration: 812.00 ms\tBilled Duration: 813 ms`];
  await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: messages.map((message, i) => ({ timestamp: at.getTime() + i, message })) }));
  logs.destroy();
}
