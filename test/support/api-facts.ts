import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { httpStageFacts, integrationFacts, requestArns, resourcesOf, restStageFacts, routeParts, samplePath, type ApiFacts, type ApiRouteFacts, type ApiStageFacts } from "../../checks/apigateway.js";
import { functionFacts, type LambdaFunctionFacts } from "../../checks/lambda.js";
import { resourcePolicyFacts } from "../../src/collect/resource-policy.js";
import type { HttpAnswer } from "../../src/core/evidence.js";
import type { Snapshot } from "../../src/core/snapshot.js";

// An API as checks/apigateway.ts reads it and its Lambda function as checks/lambda.ts does, built
// with the collectors' own helpers from AWS-shaped answers, so the tables grade what a real
// collection would hand them. `functions` is the API as its checks see it after lab's join.

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const API_ID = "abc123defg";
export const API_ARN = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API_ID}`;

export function functionArn(name: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
}

/** The policy GetPolicy answers (a JSON string) once `aws lambda add-permission` ran with these. */
export function invokePolicy(name: string, statements: { principal: string; sourceArn?: string; sid?: string; action?: string; sourceAccount?: string }[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Id: "default",
    Statement: statements.map((s, i) => ({
      Sid: s.sid ?? `permiso-${i}`,
      Effect: "Allow",
      Principal: { Service: s.principal },
      Action: s.action ?? "lambda:InvokeFunction",
      Resource: functionArn(name),
      ...(s.sourceArn || s.sourceAccount
        ? {
            Condition: {
              ...(s.sourceArn ? { ArnLike: { "AWS:SourceArn": s.sourceArn } } : {}),
              ...(s.sourceAccount ? { StringEquals: { "AWS:SourceAccount": s.sourceAccount } } : {}),
            },
          }
        : {}),
    })),
  });
}

/** A function as ListFunctions and GetPolicy describe it (policy: the JSON string, or null for none). */
export function lambdaFunction(name: string, policy: string | null, more: Partial<FunctionConfiguration> = {}): LambdaFunctionFacts {
  const facts = functionFacts({
    FunctionName: name,
    FunctionArn: functionArn(name),
    Runtime: "python3.13",
    Role: `arn:aws:iam::${ACCOUNT}:role/service-role/${name}-role-a1b2c3`,
    Handler: "lambda_function.lambda_handler",
    MemorySize: 128,
    Timeout: 3,
    PackageType: "Zip",
    Architectures: ["x86_64"],
    LastModified: "2026-11-28T09:40:12.345+0000",
    LoggingConfig: { LogFormat: "Text", LogGroup: `/aws/lambda/${name}` },
    ...more,
  });
  return { ...facts, policy: policy === null ? { statements: [] } : resourcePolicyFacts(policy) };
}

/** A route as GetRoutes + GetIntegrations give it: «GET /hola» integrated with `fn` (or with nothing). */
export function route(routeKey: string, fn: string | null, stages: string[] = ["$default"], type = "AWS_PROXY"): ApiRouteFacts {
  const { method, path } = routeParts(routeKey);
  // An HTTP integration calls a URL, not a function.
  const uri = type.startsWith("HTTP") ? `https://api.example.com${path ?? "/"}` : functionArn(fn ?? "");
  const integration = fn ? integrationFacts({ IntegrationId: `int-${fn}`, IntegrationType: type, IntegrationUri: uri, PayloadFormatVersion: "2.0" }) : null;
  const r = { routeKey, method, path, samplePath: samplePath(path), integration };
  return { ...r, requestArns: requestArns(API_ARN, stages, r) };
}

export const DEFAULT_STAGE: ApiStageFacts = httpStageFacts({ StageName: "$default", AutoDeploy: true, LastUpdatedDate: new Date("2026-11-28T09:45:00Z") });

export function restStage(name: string, deploymentId: string | null = "dep123", cache: { size?: string } = {}): ApiStageFacts {
  return restStageFacts({
    stageName: name,
    ...(deploymentId ? { deploymentId } : {}),
    cacheClusterEnabled: cache.size !== undefined,
    ...(cache.size ? { cacheClusterSize: cache.size as never, cacheClusterStatus: "AVAILABLE" } : {}),
  });
}

/** An HTTP API with these routes and stages; resources derived from the routes as the collector does. */
export function httpApi(routes: ApiRouteFacts[], stages: ApiStageFacts[] = [DEFAULT_STAGE], more: Partial<ApiFacts> = {}): ApiFacts & Record<string, unknown> {
  return {
    apiId: API_ID,
    name: "hola-api",
    protocolType: "HTTP",
    endpoint: `https://${API_ID}.execute-api.${REGION}.amazonaws.com`,
    endpointHost: `${API_ID}.execute-api.${REGION}.amazonaws.com`,
    executeApiEndpointDisabled: false,
    arn: API_ARN,
    createdDate: "2026-11-28T09:30:00.000Z",
    routes,
    resources: resourcesOf(routes),
    stages,
    errors: [],
    ...more,
  };
}

export function answer(path: string, status: number, body: string, more: Partial<HttpAnswer> = {}): HttpAnswer {
  return { path, url: `https://${API_ID}.execute-api.${REGION}.amazonaws.com${path}`, status, body, ...more };
}

/** The lambda collector's facts holding a candidate's joined functions (for checkTable's `related`). */
export function lambdaFactsOf(candidate: Record<string, unknown>): Snapshot["facts"] {
  return { lambda: { mode: "logs", functions: (candidate["functions"] as unknown[]) ?? [], eventSourceMappings: (candidate["eventSourceMappings"] as unknown[]) ?? null } };
}
