import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** How the stand-in for the course's Flask app behaves. */
export type FlaskBehaviour = "course-app" | "wrong-app" | "server-error" | "hang" | "redirect-away";

/** A loopback HTTP server that answers like app.py of the course repository (or breaks on purpose). */
export async function startFlaskStandIn(behaviour: FlaskBehaviour = "course-app"): Promise<{
  port: number;
  hits: string[];
  close(): Promise<void>;
}> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? "");
    if (behaviour === "hang") return; // never answers: the probe must time out
    if (behaviour === "server-error") return res.writeHead(500).end("Internal Server Error");
    if (behaviour === "redirect-away") return res.writeHead(302, { location: "http://example.com/" }).end();
    if (behaviour === "wrong-app") return res.writeHead(200, { "content-type": "text/html" }).end("<h1>Welcome to nginx!</h1>");
    const hello = /^\/hello\/([^/]+)\/$/.exec(req.url ?? "");
    if (req.url === "/") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("Index!");
    if (req.url === "/members") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("Members");
    if (hello) {
      return res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(`<html><head><title>Platzi</title></head><body><div class="block1"><h1>Hello ${hello[1]}!</h1></div></body></html>`);
    }
    res.writeHead(404).end("Not Found");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
