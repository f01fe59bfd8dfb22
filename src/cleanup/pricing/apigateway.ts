import type { CleanupApi, CleanupApiGatewayFacts, CleanupApiStage } from "../collectors/apigateway.js";
import { deleteCommand as cmd } from "../delete-commands.js";
import type { CleanupItem } from "../report.js";
import { hourlyLine, makeItem, say, type Pricing } from "./context.js";

/** A REST API stage's cache cluster: billed every hour while it is on, never in the free tier. */
export function cacheItem(p: Pricing, api: CleanupApi, stage: CleanupApiStage): CleanupItem {
  const size = stage.cacheClusterSize ?? "?";
  const hourly = p.prices.apiGateway.cacheHourly[size];
  const notes = [say(p, "note", "cacheNotFree")];
  if (hourly === undefined) notes.push(say(p, "note", "cacheUnknownSize", { size }));
  return makeItem(
    p,
    {
      type: "api-cache",
      id: `${api.apiId}/${stage.stageName}`,
      name: api.name,
      state: stage.cacheClusterStatus,
      summary: say(p, "summary", "apiCache", { stage: stage.stageName, size, state: stage.cacheClusterStatus ?? "?" }),
      costs: [hourlyLine(p, say(p, "line", "cache", { size }), 1, hourly)],
      deleteCommands: [cmd.disableApiCache(api.apiId, stage.stageName, p.region)],
      notes,
    },
    { unknownCost: hourly === undefined, billable: true },
  );
}

/** An API costs nothing while nobody calls it: listed so the student knows it is there. */
export function apiItem(p: Pricing, api: CleanupApi): CleanupItem {
  const rest = api.protocolType === "REST";
  return makeItem(p, {
    type: "api-gateway-api",
    id: api.apiId,
    name: api.name,
    state: null,
    summary: say(p, "summary", "api", { protocol: api.protocolType }),
    costs: [],
    deleteCommands: [rest ? cmd.deleteRestApi(api.apiId, p.region) : cmd.deleteHttpApi(api.apiId, p.region)],
    notes: [say(p, "note", "apiIdle")],
  });
}

export function apiGatewayItems(p: Pricing, facts: CleanupApiGatewayFacts | undefined): CleanupItem[] {
  return (facts?.apis ?? []).flatMap((api) => [
    ...(api.stages ?? []).filter((s) => s.cacheClusterEnabled).map((s) => cacheItem(p, api, s)),
    apiItem(p, api),
  ]);
}
