import { APIGatewayClient, GetStagesCommand } from "@aws-sdk/client-api-gateway";
import { listApis } from "../../../checks/apigateway.js";
import { defineCollector } from "../../collect/collector.js";
import { mapLimit } from "../../collect/map-limit.js";

/** A REST API stage's cache cluster: billed by the hour while it is on, and never in the free tier. */
export interface CleanupApiStage {
  stageName: string;
  cacheClusterEnabled: boolean;
  /** GB: 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237. */
  cacheClusterSize: string | null;
  cacheClusterStatus: string | null;
}

export interface CleanupApi {
  apiId: string;
  name: string | null;
  /** HTTP, WEBSOCKET or REST. */
  protocolType: string;
  /** REST APIs' stages; null when they could not be read; [] for HTTP and WebSocket APIs, which have no cache. */
  stages: CleanupApiStage[] | null;
}

export interface CleanupApiGatewayFacts {
  /** null when neither listing could be read. */
  apis: CleanupApi[] | null;
}

/**
 * API Gateway in one region: APIs cost nothing while nobody calls them (listed so the student knows
 * they are there), but a REST API stage with a cache cluster bills every hour.
 */
export default defineCollector<CleanupApiGatewayFacts>({
  service: "cleanup-apigateway",
  actions: ["apigateway:GET"],
  async collect(ctx) {
    const v1 = ctx.clients.get(APIGatewayClient, ctx.region);
    const { http, rest } = await listApis(ctx);
    if (!http && !rest) return { apis: null };
    const restApis = await mapLimit(rest ?? [], 5, async (api): Promise<CleanupApi> => {
      const id = api.id ?? "";
      const stages = await ctx.attempt("apigateway:GET", () => v1.send(new GetStagesCommand({ restApiId: id })), id);
      return {
        apiId: id,
        name: api.name ?? null,
        protocolType: "REST",
        stages: stages
          ? (stages.item ?? []).map((s) => ({
              stageName: s.stageName ?? "",
              cacheClusterEnabled: s.cacheClusterEnabled === true,
              cacheClusterSize: s.cacheClusterSize ?? null,
              cacheClusterStatus: s.cacheClusterStatus ?? null,
            }))
          : null,
      };
    });
    return {
      apis: [...(http ?? []).map((a) => ({ apiId: a.ApiId ?? "", name: a.Name ?? null, protocolType: a.ProtocolType ?? "HTTP", stages: [] })), ...restApis],
    };
  },
});
