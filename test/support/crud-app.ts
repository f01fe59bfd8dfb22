import { buffer } from "node:stream/consumers";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback stand-in for a student's API Gateway invoke URL: what the course's Lambda functions
 * answer behind it. `GET <prefix>/hola` says hello; `<prefix><collection>` is a users CRUD over an
 * in-memory table keyed by `key` (the table's partition key). `broken` makes one step answer 500
 * (after doing its work, as a function that writes and then fails would).
 */
export interface CrudApp {
  url: string;
  port: number;
  /** Items now in the table, by key. */
  items: Map<string, Record<string, unknown>>;
  /** «METHOD path» of every request, with the Host header it came with. */
  hits: { line: string; host: string; body: string }[];
  close(): Promise<void>;
}

export interface CrudOptions {
  /** Stage path before every route: «» for $default, «/prod». */
  prefix?: string;
  collection?: string;
  key?: string;
  hello?: string;
  broken?: "create" | "read" | "update" | "list" | "delete";
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" }).end(text);
}

export async function startCrudApp(options: CrudOptions = {}): Promise<CrudApp> {
  const prefix = options.prefix ?? "";
  const collection = `${prefix}${options.collection ?? "/usuarios"}`;
  const key = options.key ?? "id";
  const items = new Map<string, Record<string, unknown>>();
  const hits: CrudApp["hits"] = [];
  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const method = req.method ?? "GET";
    const step =
      method === "POST" && path === collection ? "create"
      : method === "GET" && path === collection ? "list"
      : path.startsWith(`${collection}/`) ? ({ GET: "read", PUT: "update", DELETE: "delete" } as Record<string, string>)[method]
      : undefined;
    const id = decodeURIComponent(path.slice(collection.length + 1));
    if (method === "GET" && path === `${prefix}/hola`) return send(res, 200, options.hello ?? "¡Hola Mundo desde Lambda!");
    if (!step) return send(res, 404, { message: "Not Found" });
    let parsed: Record<string, unknown> = {};
    try {
      parsed = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    } catch {
      return send(res, 400, { message: "JSON inválido" });
    }
    let status = 200;
    let answer: unknown = {};
    switch (step) {
      case "create": {
        const itemId = parsed[key];
        if (typeof itemId !== "string") return send(res, 400, { message: `falta ${key}` });
        items.set(itemId, parsed);
        status = 201;
        answer = parsed;
        break;
      }
      case "read":
        if (!items.has(id)) return send(res, 404, { message: "no existe" });
        answer = items.get(id);
        break;
      case "update":
        if (!items.has(id)) return send(res, 404, { message: "no existe" });
        items.set(id, { ...items.get(id), ...parsed, [key]: id });
        answer = items.get(id);
        break;
      case "list":
        answer = [...items.values()];
        break;
      case "delete":
        items.delete(id);
        answer = { deleted: id };
        break;
    }
    if (options.broken === step) return send(res, 500, { message: "Internal Server Error" });
    send(res, status, answer);
  };
  const server: Server = createServer(async (req, res) => {
    const body = (await buffer(req)).toString("utf8");
    hits.push({ line: `${req.method} ${req.url}`, host: req.headers.host ?? "", body });
    handle(req, res, body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    items,
    hits,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
