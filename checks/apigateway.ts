import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  type Api,
  type Integration as HttpIntegration,
  type Route,
  type Stage as HttpStage,
} from "@aws-sdk/client-apigatewayv2";
import {
  APIGatewayClient,
  GetIntegrationCommand,
  GetStagesCommand as GetRestStagesCommand,
  paginateGetResources,
  paginateGetRestApis,
  type Integration as RestIntegration,
  type Resource,
  type RestApi,
  type Stage as RestStage,
} from "@aws-sdk/client-api-gateway";
import { integrationFunction } from "../src/collect/arns.js";
import { defineCollector, makeContext, type CollectContext, type Collector } from "../src/collect/collector.js";
import { absentAs } from "../src/collect/aws-errors.js";
import { mapLimit } from "../src/collect/map-limit.js";
import { collectPages, isoDate } from "../src/collect/pages.js";
import type { CallError } from "../src/core/snapshot.js";

// API Gateway's two APIs, read into one shape: HTTP APIs (apigatewayv2: GetApis, GetRoutes,
// GetIntegrations, GetStages, each paged with NextToken and answering `Items`) and REST APIs
// (apigateway: GetRestApis, GetResources with their methods embedded, GetStages). A route is a
// method on a path with its integration resolved, so a lab reads «GET /hola → the function
// arn:…:function:hola» from one record. Every call is the IAM action apigateway:GET on a resource.

/** The IAM action of every read: API Gateway's management API is authorized by HTTP verb. */
export const API_GATEWAY_READ = "apigateway:GET";

export interface ApiIntegrationFacts {
  integrationId: string | null;
  /** AWS_PROXY (Lambda proxy), AWS, HTTP_PROXY, HTTP, MOCK. */
  type: string | null;
  uri: string | null;
  /** HTTP APIs' Lambda event format: 1.0 or 2.0. */
  payloadFormatVersion: string | null;
  /** The Lambda function it invokes, unqualified as ListFunctions names it; null when it is not a function. */
  functionArn: string | null;
  functionName: string | null;
  qualifier: string | null;
}

export interface ApiRouteFacts {
  /** «GET /hola», «ANY /{proxy+}», «$default». */
  routeKey: string;
  /** GET, POST, PUT, DELETE, PATCH, ANY (also for $default); null for WebSocket routes. */
  method: string | null;
  /** The path as defined («/usuarios/{id}»); «/» for $default. */
  path: string | null;
  /** A concrete path this route serves: parameters and greedy parameters read «calificar». */
  samplePath: string | null;
  integration: ApiIntegrationFacts | null;
  /**
   * The execute-api ARNs of a request to this route on each stage (a GET for ANY routes): what a
   * Lambda permission's SourceArn must cover. Empty when the account id is unknown.
   */
  requestArns: string[];
}

export interface ApiStageFacts {
  stageName: string;
  /** HTTP APIs: every change is deployed to the stage at once. */
  autoDeploy: boolean;
  /** The deployment the stage serves; null when none was ever made (a REST stage always has one). */
  deploymentId: string | null;
  /** What goes between the endpoint and a route's path: «» for $default, «/prod» otherwise. */
  invokePath: string;
  lastUpdated: string | null;
  /** REST APIs: a cache cluster, billed by the hour. */
  cacheClusterEnabled: boolean;
  /** GB: 0.5, 1.6, 6.1… */
  cacheClusterSize: string | null;
  cacheClusterStatus: string | null;
}

/**
 * Routes grouped as REST resources: a collection path and its item path (the collection followed by
 * one {parameter}), with the methods each has. «POST /usuarios» and «GET /usuarios/{id}» are one
 * resource, /usuarios. Catch-all routes ($default, {proxy+}) belong to none.
 */
export interface ApiResourceFacts {
  path: string;
  /** The first item path seen under it, e.g. /usuarios/{id}; null when it has none. */
  itemPath: string | null;
  collectionMethods: string[];
  itemMethods: string[];
}

export interface ApiFacts {
  apiId: string;
  name: string | null;
  /** HTTP, WEBSOCKET (API Gateway v2) or REST (v1). */
  protocolType: string;
  /** https://<id>.execute-api.<region>.amazonaws.com */
  endpoint: string;
  endpointHost: string;
  /** The default endpoint can be turned off (custom domains only). */
  executeApiEndpointDisabled: boolean;
  /** arn:aws:execute-api:<region>:<account>:<id>, the prefix of every request ARN; null when the account id is unknown. */
  arn: string | null;
  createdDate: string | null;
  routes: ApiRouteFacts[];
  resources: ApiResourceFacts[];
  stages: ApiStageFacts[];
  /** Calls about this API alone that failed. */
  errors: CallError[];
}

export interface ApiGatewayFacts {
  apis: ApiFacts[];
}

/** APIs read at once. */
const API_CONCURRENCY = 5;

/** Every item of an API Gateway v2 listing: its commands take NextToken and answer Items, with no SDK paginator. */
export async function allItems<T>(page: (token: string | undefined) => Promise<{ Items?: T[]; NextToken?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const answer = await page(token);
    items.push(...(answer.Items ?? []));
    token = answer.NextToken;
  } while (token);
  return items;
}

/** «/usuarios/{id}» → «/usuarios/calificar»: a path the route serves, for probes and request ARNs. */
export function samplePath(path: string | null): string | null {
  return path === null ? null : path.replace(/\{[^}]+\}/g, "calificar");
}

export function integrationFacts(i: {
  IntegrationId?: string;
  IntegrationType?: string;
  IntegrationUri?: string;
  PayloadFormatVersion?: string;
}): ApiIntegrationFacts {
  const fn = integrationFunction(i.IntegrationUri);
  return {
    integrationId: i.IntegrationId ?? null,
    type: i.IntegrationType ?? null,
    uri: i.IntegrationUri ?? null,
    payloadFormatVersion: i.PayloadFormatVersion ?? null,
    functionArn: fn?.functionArn ?? null,
    functionName: fn?.functionName ?? null,
    qualifier: fn?.qualifier ?? null,
  };
}

/** Request ARNs: arn/<stage>/<METHOD>/<path> (ANY asked as GET), arn/<stage>/$default for the default route. */
export function requestArns(arn: string | null, stages: string[], route: Pick<ApiRouteFacts, "routeKey" | "method" | "samplePath">): string[] {
  if (!arn || route.method === null) return [];
  const names = stages.length ? stages : ["$default"];
  if (route.routeKey === "$default") return names.map((s) => `${arn}/${s}/$default`);
  const method = route.method === "ANY" ? "GET" : route.method;
  return names.map((s) => `${arn}/${s}/${method}${route.samplePath ?? "/"}`);
}

/** The routes as resources: item paths (ending in one {parameter}) under their collection. */
export function resourcesOf(routes: Pick<ApiRouteFacts, "method" | "path" | "routeKey">[]): ApiResourceFacts[] {
  const byPath = new Map<string, ApiResourceFacts>();
  const resource = (path: string) => {
    let r = byPath.get(path);
    if (!r) byPath.set(path, (r = { path, itemPath: null, collectionMethods: [], itemMethods: [] }));
    return r;
  };
  for (const route of routes) {
    const { method, path } = route;
    if (!method || !path || route.routeKey === "$default" || /\+\}/.test(path)) continue;
    const item = /^(.+)\/\{[^}/]+\}$/.exec(path);
    if (item) {
      const r = resource(item[1]!);
      r.itemPath ??= path;
      if (!r.itemMethods.includes(method)) r.itemMethods.push(method);
    } else {
      const r = resource(path);
      if (!r.collectionMethods.includes(method)) r.collectionMethods.push(method);
    }
  }
  return [...byPath.values()].map((r) => ({ ...r, collectionMethods: r.collectionMethods.sort(), itemMethods: r.itemMethods.sort() }));
}

function executeArn(region: string, account: string | null, apiId: string): string | null {
  return account ? `arn:aws:execute-api:${region}:${account}:${apiId}` : null;
}

/** «GET /hola» → GET and /hola; «$default» → ANY and /; WebSocket keys ($connect, sendMessage) have neither. */
export function routeParts(routeKey: string): { method: string | null; path: string | null } {
  if (routeKey === "$default") return { method: "ANY", path: "/" };
  const m = /^([A-Z]+) (\/.*)$/.exec(routeKey);
  return m ? { method: m[1]!, path: m[2]! } : { method: null, path: null };
}

export function httpStageFacts(s: HttpStage): ApiStageFacts {
  const name = s.StageName ?? "";
  return {
    stageName: name,
    autoDeploy: s.AutoDeploy === true,
    deploymentId: s.DeploymentId ?? null,
    invokePath: name === "$default" ? "" : `/${name}`,
    lastUpdated: isoDate(s.LastUpdatedDate),
    cacheClusterEnabled: false,
    cacheClusterSize: null,
    cacheClusterStatus: null,
  };
}

export function restStageFacts(s: RestStage): ApiStageFacts {
  return {
    stageName: s.stageName ?? "",
    autoDeploy: false,
    deploymentId: s.deploymentId ?? null,
    invokePath: `/${s.stageName ?? ""}`,
    lastUpdated: isoDate(s.lastUpdatedDate),
    cacheClusterEnabled: s.cacheClusterEnabled === true,
    cacheClusterSize: s.cacheClusterSize ?? null,
    cacheClusterStatus: s.cacheClusterStatus ?? null,
  };
}

function endpointHostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/** An HTTP (or WebSocket) API: its routes with their integrations, and its stages, all read at once. */
async function httpApiFacts(self: Collector, ctx: CollectContext, api: Api, account: string | null): Promise<ApiFacts> {
  const errors: CallError[] = [];
  const own = makeContext(self, ctx.region, ctx.clients, ctx.options, errors);
  const client = ctx.clients.get(ApiGatewayV2Client, ctx.region);
  const apiId = api.ApiId ?? "";
  const [routes, integrations, stages] = await Promise.all([
    own.attempt(API_GATEWAY_READ, () => allItems<Route>((NextToken) => client.send(new GetRoutesCommand({ ApiId: apiId, NextToken }))), apiId),
    own.attempt(API_GATEWAY_READ, () => allItems<HttpIntegration>((NextToken) => client.send(new GetIntegrationsCommand({ ApiId: apiId, NextToken }))), apiId),
    own.attempt(API_GATEWAY_READ, () => allItems<HttpStage>((NextToken) => client.send(new GetStagesCommand({ ApiId: apiId, NextToken }))), apiId),
  ]);
  const byId = new Map((integrations ?? []).map((i) => [i.IntegrationId ?? "", integrationFacts(i)]));
  const stageFacts = (stages ?? []).map(httpStageFacts);
  const arn = executeArn(ctx.region, account, apiId);
  const endpoint = api.ApiEndpoint ?? `https://${apiId}.execute-api.${ctx.region}.amazonaws.com`;
  const routeFacts = (routes ?? []).map((r) => {
    const routeKey = r.RouteKey ?? "";
    const { method, path } = routeParts(routeKey);
    const target = /^integrations\/(.+)$/.exec(r.Target ?? "")?.[1];
    const route = { routeKey, method, path, samplePath: samplePath(path), integration: (target && byId.get(target)) || null };
    return { ...route, requestArns: requestArns(arn, stageFacts.map((s) => s.stageName), route) };
  });
  return {
    apiId,
    name: api.Name ?? null,
    protocolType: api.ProtocolType ?? "HTTP",
    endpoint,
    endpointHost: endpointHostOf(endpoint),
    executeApiEndpointDisabled: api.DisableExecuteApiEndpoint === true,
    arn,
    createdDate: isoDate(api.CreatedDate),
    routes: routeFacts,
    resources: resourcesOf(routeFacts),
    stages: stageFacts,
    errors,
  };
}

/** A REST API: its resources' methods (with their integrations embedded) as routes, and its stages. */
async function restApiFacts(self: Collector, ctx: CollectContext, api: RestApi, account: string | null): Promise<ApiFacts> {
  const errors: CallError[] = [];
  const own = makeContext(self, ctx.region, ctx.clients, ctx.options, errors);
  const client = ctx.clients.get(APIGatewayClient, ctx.region);
  const restApiId = api.id ?? "";
  const [resources, stages] = await Promise.all([
    own.attempt(API_GATEWAY_READ, () => collectPages(paginateGetResources({ client }, { restApiId, embed: ["methods"] }), (p) => p.items), restApiId),
    own.attempt(API_GATEWAY_READ, () => client.send(new GetRestStagesCommand({ restApiId })), restApiId),
  ]);
  const stageFacts = (stages?.item ?? []).map(restStageFacts);
  const arn = executeArn(ctx.region, account, restApiId);
  const methods = (resources ?? []).flatMap((r: Resource) => Object.entries(r.resourceMethods ?? {}).map(([method, m]) => ({ resource: r, method, m })));
  const routes = await Promise.all(
    methods.map(async ({ resource, method, m }): Promise<ApiRouteFacts> => {
      let integration: RestIntegration | undefined = m.methodIntegration;
      // GetResources embeds each method's integration; an endpoint that does not is asked per method.
      if (!integration) {
        integration = await own.attempt(
          API_GATEWAY_READ,
          () =>
            client.send(new GetIntegrationCommand({ restApiId, resourceId: resource.id ?? "", httpMethod: method })).catch(absentAs("NotFoundException", undefined)),
          restApiId,
        );
      }
      const path = resource.path ?? "/";
      const route = {
        routeKey: `${method} ${path}`,
        method,
        path,
        samplePath: samplePath(path),
        integration: integration ? integrationFacts({ IntegrationType: integration.type, IntegrationUri: integration.uri }) : null,
      };
      return { ...route, requestArns: requestArns(arn, stageFacts.map((s) => s.stageName), route) };
    }),
  );
  const endpoint = `https://${restApiId}.execute-api.${ctx.region}.amazonaws.com`;
  return {
    apiId: restApiId,
    name: api.name ?? null,
    protocolType: "REST",
    endpoint,
    endpointHost: endpointHostOf(endpoint),
    executeApiEndpointDisabled: api.disableExecuteApiEndpoint === true,
    arn,
    createdDate: isoDate(api.createdDate),
    routes,
    resources: resourcesOf(routes),
    stages: stageFacts,
    errors,
  };
}

/** The region's HTTP and WebSocket APIs (v2) and REST APIs (v1), listed side by side. */
export async function listApis(ctx: CollectContext): Promise<{ http: Api[] | undefined; rest: RestApi[] | undefined }> {
  const v2 = ctx.clients.get(ApiGatewayV2Client, ctx.region);
  const [http, rest] = await Promise.all([
    ctx.attempt(API_GATEWAY_READ, () => allItems<Api>((NextToken) => v2.send(new GetApisCommand({ NextToken })))),
    ctx.attempt(API_GATEWAY_READ, () => collectPages(paginateGetRestApis({ client: ctx.clients.get(APIGatewayClient, ctx.region) }, {}), (p) => p.items)),
  ]);
  return { http, rest };
}

const collector: Collector<ApiGatewayFacts> = defineCollector<ApiGatewayFacts>({
  service: "apigateway",
  actions: [API_GATEWAY_READ, "sts:GetCallerIdentity"],
  async collect(ctx) {
    // The account id makes the execute-api ARNs a Lambda permission is compared with.
    const [listed, who] = await Promise.all([listApis(ctx), ctx.attempt("sts:GetCallerIdentity", () => ctx.clients.callerIdentity(ctx.region))]);
    const account = who?.Account ?? null;
    const work = [
      ...(listed.http ?? []).map((api) => () => httpApiFacts(collector, ctx, api, account)),
      ...(listed.rest ?? []).map((api) => () => restApiFacts(collector, ctx, api, account)),
    ];
    return { apis: await mapLimit(work, API_CONCURRENCY, (read) => read()) };
  },
  async locate(ctx) {
    const { http, rest } = await listApis(ctx);
    if (!http && !rest) return undefined;
    return [...(http ?? []).map((a) => a.ApiId ?? ""), ...(rest ?? []).map((a) => a.id ?? "")];
  },
});

export default collector;
