import {
  APIGatewayClient,
  APIGatewayServiceException,
  GetIntegrationCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand as GetRestStagesCommand,
} from "@aws-sdk/client-api-gateway";
import {
  ApiGatewayV2Client,
  ApiGatewayV2ServiceException,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
} from "@aws-sdk/client-apigatewayv2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import collector, { resourcesOf, routeParts, samplePath, type ApiGatewayFacts } from "../../checks/apigateway.js";
import { ClientPool } from "../../src/collect/clients.js";
import { makeContext } from "../../src/collect/collector.js";
import type { CallError } from "../../src/core/snapshot.js";

// Shapes follow the API Gateway references. V2 (HTTP APIs): GetApis, GetRoutes, GetIntegrations and
// GetStages answer `Items` and a `NextToken` while there are more (the SDK has no paginator for
// them); a route's Target reads «integrations/<id>»; a Lambda proxy integration's IntegrationUri is
// the function's ARN. V1 (REST APIs): GetRestApis and GetResources answer `items` with `position`;
// GetResources with embed=methods carries each method's methodIntegration, whose uri is
// arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations;
// GetStages answers `item`. Errors: AccessDeniedException (403), NotFoundException (404).

const v2 = mockClient(ApiGatewayV2Client);
const v1 = mockClient(APIGatewayClient);
const sts = mockClient(STSClient);
let pool: ClientPool;

const ACCOUNT = "123456789012";
const FN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:hola`;

beforeEach(() => {
  v2.reset();
  v1.reset();
  sts.reset();
  pool = new ClientPool({ credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" }) });
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/ana`, UserId: "AIDAEXAMPLE" });
  v1.on(GetRestApisCommand).resolves({ items: [] });
});
afterEach(() => pool.destroy());

async function collect() {
  const errors: CallError[] = [];
  const facts = (await collector.collect(makeContext(collector, "us-east-1", pool, {}, errors))) as ApiGatewayFacts;
  return { facts, errors };
}

function v2Error(name: string, status: number, message: string) {
  return new ApiGatewayV2ServiceException({ name, $fault: "client", $metadata: { httpStatusCode: status }, message });
}

function httpApi(id: string, name: string) {
  return {
    ApiId: id,
    Name: name,
    ApiEndpoint: `https://${id}.execute-api.us-east-1.amazonaws.com`,
    ProtocolType: "HTTP" as const,
    RouteSelectionExpression: "$request.method $request.path",
    CreatedDate: new Date("2026-11-28T09:30:00Z"),
    DisableExecuteApiEndpoint: false,
  };
}

describe("apigateway collector: HTTP APIs", () => {
  it("follows NextToken through every page of APIs and routes, and resolves each route's integration and function", async () => {
    v2.on(GetApisCommand, { NextToken: undefined }).resolves({ Items: [httpApi("abc123", "hola-api")], NextToken: "page-2" });
    v2.on(GetApisCommand, { NextToken: "page-2" }).resolves({ Items: [httpApi("def456", "otra")] });
    v2.on(GetRoutesCommand, { ApiId: "abc123", NextToken: undefined }).resolves({
      Items: [{ RouteId: "r1", RouteKey: "GET /hola", Target: "integrations/i1", AuthorizationType: "NONE", ApiKeyRequired: false }],
      NextToken: "more",
    });
    v2.on(GetRoutesCommand, { ApiId: "abc123", NextToken: "more" }).resolves({
      Items: [{ RouteId: "r2", RouteKey: "ANY /{proxy+}", Target: "integrations/i2" }, { RouteId: "r3", RouteKey: "$default" }],
    });
    v2.on(GetIntegrationsCommand, { ApiId: "abc123" }).resolves({
      Items: [
        { IntegrationId: "i1", IntegrationType: "AWS_PROXY", IntegrationMethod: "POST", IntegrationUri: FN, PayloadFormatVersion: "2.0", TimeoutInMillis: 30000 },
        { IntegrationId: "i2", IntegrationType: "HTTP_PROXY", IntegrationMethod: "ANY", IntegrationUri: "https://example.com/{proxy}", PayloadFormatVersion: "1.0" },
      ],
    });
    v2.on(GetStagesCommand, { ApiId: "abc123" }).resolves({
      Items: [{ StageName: "$default", AutoDeploy: true, LastUpdatedDate: new Date("2026-11-28T09:45:00Z"), DefaultRouteSettings: { DetailedMetricsEnabled: false }, RouteSettings: {}, StageVariables: {} }],
    });
    v2.on(GetRoutesCommand, { ApiId: "def456" }).resolves({ Items: [] });
    v2.on(GetIntegrationsCommand, { ApiId: "def456" }).resolves({ Items: [] });
    v2.on(GetStagesCommand, { ApiId: "def456" }).resolves({ Items: [] });

    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(facts.apis.map((a) => a.apiId)).toEqual(["abc123", "def456"]);
    const api = facts.apis[0]!;
    expect(api).toMatchObject({
      name: "hola-api",
      protocolType: "HTTP",
      endpoint: "https://abc123.execute-api.us-east-1.amazonaws.com",
      endpointHost: "abc123.execute-api.us-east-1.amazonaws.com",
      arn: `arn:aws:execute-api:us-east-1:${ACCOUNT}:abc123`,
      stages: [{ stageName: "$default", autoDeploy: true, deploymentId: null, invokePath: "", lastUpdated: "2026-11-28T09:45:00.000Z" }],
    });
    expect(api.routes).toEqual([
      {
        routeKey: "GET /hola",
        method: "GET",
        path: "/hola",
        samplePath: "/hola",
        integration: { integrationId: "i1", type: "AWS_PROXY", uri: FN, payloadFormatVersion: "2.0", functionArn: FN, functionName: "hola", qualifier: null },
        requestArns: [`arn:aws:execute-api:us-east-1:${ACCOUNT}:abc123/$default/GET/hola`],
      },
      expect.objectContaining({ routeKey: "ANY /{proxy+}", method: "ANY", samplePath: "/calificar", integration: expect.objectContaining({ type: "HTTP_PROXY", functionArn: null }) }),
      expect.objectContaining({ routeKey: "$default", method: "ANY", path: "/", integration: null, requestArns: [`arn:aws:execute-api:us-east-1:${ACCOUNT}:abc123/$default/$default`] }),
    ]);
    // Every page was asked for, with the token of the one before.
    expect(v2.commandCalls(GetApisCommand).map((c) => c.args[0].input.NextToken)).toEqual([undefined, "page-2"]);
    expect(v2.commandCalls(GetRoutesCommand, { ApiId: "abc123" }).map((c) => c.args[0].input.NextToken)).toEqual([undefined, "more"]);
  });

  it("records a denied route listing on that API alone, as the IAM action apigateway:GET", async () => {
    v2.on(GetApisCommand).resolves({ Items: [httpApi("abc123", "hola-api")] });
    v2.on(GetRoutesCommand).rejects(v2Error("AccessDeniedException", 403, "User is not authorized to access this resource"));
    v2.on(GetIntegrationsCommand).resolves({ Items: [] });
    v2.on(GetStagesCommand).resolves({ Items: [] });
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(facts.apis[0]!.routes).toEqual([]);
    expect(facts.apis[0]!.errors).toEqual([expect.objectContaining({ action: "apigateway:GET", kind: "denied", code: "AccessDeniedException", target: "abc123" })]);
  });

  it("records a denied API listing for the region, not as «no APIs»", async () => {
    v2.on(GetApisCommand).rejects(v2Error("AccessDeniedException", 403, "User is not authorized"));
    const { facts, errors } = await collect();
    expect(facts.apis).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ action: "apigateway:GET", kind: "denied", region: "us-east-1", collector: "apigateway" })]);
  });
});

describe("apigateway collector: REST APIs", () => {
  it("reads resources with their methods' integrations embedded, stages with their deployments and caches", async () => {
    v2.on(GetApisCommand).resolves({ Items: [] });
    v1.on(GetRestApisCommand).resolves({
      items: [{ id: "rest123", name: "hola-rest", createdDate: new Date("2026-11-28T09:00:00Z"), endpointConfiguration: { types: ["REGIONAL"] }, disableExecuteApiEndpoint: false }],
    });
    v1.on(GetResourcesCommand).resolves({
      items: [
        { id: "root1", path: "/" },
        {
          id: "res1",
          parentId: "root1",
          pathPart: "hola",
          path: "/hola",
          resourceMethods: {
            GET: {
              httpMethod: "GET",
              authorizationType: "NONE",
              methodIntegration: { type: "AWS_PROXY", httpMethod: "POST", uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations`, passthroughBehavior: "WHEN_NO_MATCH" },
            },
            // An endpoint that does not embed the integration: asked for with GetIntegration.
            POST: { httpMethod: "POST", authorizationType: "NONE" },
          },
        },
      ],
    });
    v1.on(GetIntegrationCommand, { httpMethod: "POST" }).resolves({ type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } });
    v1.on(GetRestStagesCommand).resolves({
      item: [{ stageName: "prod", deploymentId: "dep1", cacheClusterEnabled: true, cacheClusterSize: "0.5", cacheClusterStatus: "AVAILABLE", lastUpdatedDate: new Date("2026-11-28T09:10:00Z") }],
    });
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    const api = facts.apis[0]!;
    expect(api).toMatchObject({
      apiId: "rest123",
      protocolType: "REST",
      endpointHost: "rest123.execute-api.us-east-1.amazonaws.com",
      stages: [{ stageName: "prod", deploymentId: "dep1", invokePath: "/prod", cacheClusterEnabled: true, cacheClusterSize: "0.5" }],
    });
    expect(api.routes.map((r) => [r.routeKey, r.integration?.type, r.integration?.functionName])).toEqual([
      ["GET /hola", "AWS_PROXY", "hola"],
      ["POST /hola", "MOCK", null],
    ]);
    expect(api.routes[0]!.requestArns).toEqual([`arn:aws:execute-api:us-east-1:${ACCOUNT}:rest123/prod/GET/hola`]);
    expect(v1.commandCalls(GetResourcesCommand)[0]!.args[0].input).toMatchObject({ restApiId: "rest123", embed: ["methods"] });
    expect(v1.commandCalls(GetIntegrationCommand)).toHaveLength(1);
  });

  it("pages through GetResources with position", async () => {
    v2.on(GetApisCommand).resolves({ Items: [] });
    v1.on(GetRestApisCommand).resolves({ items: [{ id: "rest123", name: "crud" }] });
    v1.on(GetResourcesCommand, { position: undefined }).resolves({ items: [{ id: "a", path: "/usuarios", resourceMethods: { GET: { methodIntegration: { type: "AWS_PROXY", uri: FN } } } }], position: "p2" });
    v1.on(GetResourcesCommand, { position: "p2" }).resolves({ items: [{ id: "b", path: "/usuarios/{id}", resourceMethods: { DELETE: { methodIntegration: { type: "AWS_PROXY", uri: FN } } } }] });
    v1.on(GetRestStagesCommand).resolves({ item: [] });
    const { facts } = await collect();
    expect(facts.apis[0]!.resources).toEqual([{ path: "/usuarios", itemPath: "/usuarios/{id}", collectionMethods: ["GET"], itemMethods: ["DELETE"] }]);
  });

  it("records a REST API it may not read on that API", async () => {
    v2.on(GetApisCommand).resolves({ Items: [] });
    v1.on(GetRestApisCommand).resolves({ items: [{ id: "rest123", name: "crud" }] });
    v1.on(GetResourcesCommand).rejects(new APIGatewayServiceException({ name: "AccessDeniedException", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "denied" }));
    v1.on(GetRestStagesCommand).resolves({ item: [] });
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(facts.apis[0]!.errors).toEqual([expect.objectContaining({ action: "apigateway:GET", kind: "denied", target: "rest123" })]);
  });
});

describe("apigateway helpers", () => {
  it.each([
    ["GET /hola", { method: "GET", path: "/hola" }],
    ["ANY /{proxy+}", { method: "ANY", path: "/{proxy+}" }],
    ["$default", { method: "ANY", path: "/" }],
    ["$connect", { method: null, path: null }],
    ["sendMessage", { method: null, path: null }],
  ])("routeParts(%s)", (key, parts) => {
    expect(routeParts(key)).toEqual(parts);
  });

  it("writes a concrete path for parameters", () => {
    expect(samplePath("/usuarios/{id}")).toBe("/usuarios/calificar");
    expect(samplePath("/{proxy+}")).toBe("/calificar");
  });

  it("groups routes into resources, leaving catch-alls out", () => {
    const routes = ["POST /usuarios", "GET /usuarios", "GET /usuarios/{id}", "PUT /usuarios/{id}", "DELETE /usuarios/{id}", "ANY /{proxy+}", "$default", "GET /salud"].map((routeKey) => ({
      routeKey,
      ...routeParts(routeKey),
    }));
    expect(resourcesOf(routes)).toEqual([
      { path: "/usuarios", itemPath: "/usuarios/{id}", collectionMethods: ["GET", "POST"], itemMethods: ["DELETE", "GET", "PUT"] },
      { path: "/salud", itemPath: null, collectionMethods: ["GET"], itemMethods: [] },
    ]);
  });
});
