import { DescribeRegionsCommand, EC2Client, paginateDescribeInstances } from "@aws-sdk/client-ec2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { classifyAwsError } from "../../src/collect/aws-errors.js";
import { ClientPool, IDENTITY_REQUEST_TIMEOUT_MS } from "../../src/collect/clients.js";
import { collectPages } from "../../src/collect/pages.js";
import { freePort } from "../support/ports.js";

// The pool's clients over real HTTP on loopback: where they send (AWS_ENDPOINT_URL), how long
// they wait for an endpoint that never answers, and how often they retry one that drops them.

const credentials = async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" });

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
const servers: Server[] = [];
const pools: ClientPool[] = [];

async function serve(handler: Handler): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(String(req.headers["authorization"]))?.[1];
      seen.push(`${service}:${new URLSearchParams(body).get("Action")}`);
      handler(req, body, res);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function pool(settings: ConstructorParameters<typeof ClientPool>[0] = {}): ClientPool {
  const p = new ClientPool({ credentials, ...settings });
  pools.push(p);
  return p;
}

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const p of pools.splice(0)) p.destroy();
  await Promise.all(
    servers.splice(0).map((s) => new Promise<void>((r) => {
      s.closeAllConnections();
      s.close(() => r());
    })),
  );
});

const IDENTITY = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ana</Arn><UserId>AIDASAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`;
const REGIONS = `<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
  <regionInfo><item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item></regionInfo>
</DescribeRegionsResponse>`;

async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (err) {
    return err;
  }
  throw new Error("the call succeeded");
}

describe("ClientPool", () => {
  it("asks GetCallerIdentity once per region, however many collectors want it", async () => {
    const aws = await serve((_req, _body, res) => res.writeHead(200, { "content-type": "text/xml" }).end(IDENTITY));
    vi.stubEnv("AWS_ENDPOINT_URL", aws.url);
    const clients = pool();
    const answers = await Promise.all([clients.callerIdentity("us-east-1"), clients.callerIdentity("us-east-1"), clients.callerIdentity("us-east-1")]);
    expect(answers.map((a) => a.Account)).toEqual(["123456789012", "123456789012", "123456789012"]);
    expect(aws.seen).toEqual(["sts:GetCallerIdentity"]);
    await clients.callerIdentity("eu-west-1");
    expect(aws.seen).toEqual(["sts:GetCallerIdentity", "sts:GetCallerIdentity"]);
  });

  it("sends STS and EC2 alike to AWS_ENDPOINT_URL", async () => {
    const aws = await serve((req, body, res) => {
      const xml = body.includes("GetCallerIdentity") ? IDENTITY : REGIONS;
      res.writeHead(200, { "content-type": "text/xml" }).end(xml);
    });
    vi.stubEnv("AWS_ENDPOINT_URL", aws.url);
    const clients = pool();
    const who = await clients.get(STSClient, "us-east-1").send(new GetCallerIdentityCommand({}));
    const regions = await clients.get(EC2Client, "us-east-1").send(new DescribeRegionsCommand({}));
    expect(who.Account).toBe("123456789012");
    expect(regions.Regions?.map((r) => r.RegionName)).toEqual(["eu-west-1"]);
    expect(aws.seen).toEqual(["sts:GetCallerIdentity", "ec2:DescribeRegions"]);
  });

  it("reuses one client per service and region", () => {
    const clients = pool();
    expect(clients.get(EC2Client, "us-east-1")).toBe(clients.get(EC2Client, "us-east-1"));
    expect(clients.get(EC2Client, "eu-west-1")).not.toBe(clients.get(EC2Client, "us-east-1"));
  });

  it("gives up on an endpoint that never answers after its request timeout, once per attempt", async () => {
    const aws = await serve(() => undefined); // accepts, reads, never answers
    vi.stubEnv("AWS_ENDPOINT_URL", aws.url);
    const err = await failure(pool({ requestTimeout: 300, maxAttempts: 2 }).get(STSClient, "us-east-1").send(new GetCallerIdentityCommand({})));
    expect(classifyAwsError(err)).toMatchObject({ kind: "timeout" });
    expect(aws.seen).toEqual(["sts:GetCallerIdentity", "sts:GetCallerIdentity"]);
  });

  it("retries an endpoint that drops every connection a bounded number of times", async () => {
    const aws = await serve((req) => req.socket.destroy());
    vi.stubEnv("AWS_ENDPOINT_URL", aws.url);
    const err = await failure(pool().get(STSClient, "us-east-1").send(new GetCallerIdentityCommand({})));
    expect(classifyAwsError(err)).toMatchObject({ kind: "network", code: "ECONNRESET" });
    expect(aws.seen).toEqual(["sts:GetCallerIdentity", "sts:GetCallerIdentity", "sts:GetCallerIdentity"]);
  });

  it("reports a refused endpoint as a network error", async () => {
    vi.stubEnv("AWS_ENDPOINT_URL", `http://127.0.0.1:${await freePort()}`);
    const err = await failure(pool().get(EC2Client, "us-east-1").send(new DescribeRegionsCommand({})));
    expect(classifyAwsError(err)).toMatchObject({ kind: "network", code: "ECONNREFUSED" });
  });

  it("waits less for the identity than for other calls: an endpoint that never answers fails it fast", async () => {
    const aws = await serve(() => undefined);
    vi.stubEnv("AWS_ENDPOINT_URL", aws.url);
    expect(IDENTITY_REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(3000);
    // requestTimeout caps the identity's own limit, so the bound is testable in 3 × 200 ms.
    const err = await failure(pool({ requestTimeout: 200 }).callerIdentity("us-east-1"));
    expect(classifyAwsError(err)).toMatchObject({ kind: "timeout" });
    expect(aws.seen).toEqual(["sts:GetCallerIdentity", "sts:GetCallerIdentity", "sts:GetCallerIdentity"]);
  });

  it("aborts every waiting call when its signal fires, and refuses new ones at once", async () => {
    const aws = await serve(() => undefined);
    vi.stubEnv("AWS_ENDPOINT_URL", aws.url);
    const stop = new AbortController();
    const clients = pool({ signal: stop.signal });
    const waiting = failure(clients.get(EC2Client, "us-east-1").send(new DescribeRegionsCommand({})));
    await expect.poll(() => aws.seen.length).toBe(1);
    stop.abort(new Error("calificar stopped waiting for AWS after 1 s"));
    expect(classifyAwsError(await waiting)).toMatchObject({ kind: "timeout", code: "DeadlineExceeded", message: "calificar stopped waiting for AWS after 1 s" });
    expect(classifyAwsError(await failure(clients.get(EC2Client, "eu-west-1").send(new DescribeRegionsCommand({}))))).toMatchObject({ code: "DeadlineExceeded" });
    expect(aws.seen).toHaveLength(1);
  });

  it("stops a listing whose page token repeats instead of paging forever", async () => {
    const page = (token: string) =>
      `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><reservationSet/><nextToken>${token}</nextToken></DescribeInstancesResponse>`;
    const aws = await serve((_req, _body, res) => res.writeHead(200, { "content-type": "text/xml" }).end(page("same")));
    vi.stubEnv("AWS_ENDPOINT_URL", aws.url);
    const client = pool().get(EC2Client, "us-east-1");
    const err = await failure(collectPages(paginateDescribeInstances({ client }, {}), (p) => p.Reservations));
    expect(classifyAwsError(err)).toMatchObject({ kind: "api", code: "PaginationLoop" });
    expect(aws.seen.length).toBeLessThanOrEqual(5);
  });

  it("lets two listings of the same thing share a client: a token asked for twice is not a loop", async () => {
    const page = (token: string | null) =>
      `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><reservationSet/>${token ? `<nextToken>${token}</nextToken>` : ""}</DescribeInstancesResponse>`;
    const aws = await serve((_req, body, res) => res.writeHead(200, { "content-type": "text/xml" }).end(page(new URLSearchParams(body).get("NextToken") ? null : "dos")));
    vi.stubEnv("AWS_ENDPOINT_URL", aws.url);
    const client = pool().get(EC2Client, "us-east-1");
    const list = () => collectPages(paginateDescribeInstances({ client }, {}), (p) => p.Reservations);
    await expect(Promise.all([list(), list()])).resolves.toEqual([[], []]);
    expect(aws.seen).toHaveLength(4);
  });
});
