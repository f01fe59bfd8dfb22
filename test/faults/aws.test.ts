import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliRun } from "../support/cli.js";
import { errorAnswer, startFakeAws, type FakeAws, type FakeRequest } from "../support/fake-aws.js";
import { startFlaskStandIn } from "../support/flask-app.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { readReport } from "../support/report-schema.js";
import { seedServer } from "../support/seed-ec2.js";

// AWS misbehaving, through the real HTTP stack: the built CLI, its SDK clients, and a loopback
// fake in front of moto that answers chosen actions badly. Whatever AWS does, the run ends, says
// what happened in a sentence or an `error` outcome, never a stack, with an honest exit code:
// 0/1 when what could be graded decides the verdict, 3 when nothing could be graded.

let moto: Moto;
let app: Awaited<ReturnType<typeof startFlaskStandIn>>;
let seeded: { instanceId: string };

// The account is seeded once (grading never changes it) and every test has a fake of its own in
// front of moto, so the tests run side by side: most of their time is spent waiting on purpose.
beforeAll(async () => {
  [moto, app] = await Promise.all([startMoto(), startFlaskStandIn()]);
  seeded = await seedServer(moto.url, { elasticIp: true });
  await seedServer(moto.url, { region: "eu-west-1", name: "lejos" });
});
const fakes: FakeAws[] = [];
afterAll(async () => {
  await Promise.all([moto?.stop(), app?.close(), ...fakes.map((f) => f.close())]);
});

const INTERNAL = { code: "InternalError", message: "We encountered an internal error. Please try again.", status: 500 };
const UNAVAILABLE = { code: "Unavailable", message: "The server is overloaded.", status: 503 };
const ALL_CHECKS = ["instance-running", "instance-type", "key-pair", "root-volume", "public-ip", "elastic-ip", "ssh-restricted", "port-5000-open", "flask-app"];
const except = (ids: string[], status: string) => ({ ...Object.fromEntries(ALL_CHECKS.filter((id) => !ids.includes(id)).map((id) => [id, status])), "no-pem-committed": "skipped" });

/** A fake of the test's own in front of moto (tests run concurrently: closed at the end of the file). */
async function fakeAws(): Promise<FakeAws & { count(action: string): number }> {
  const fake = await startFakeAws(moto.url);
  fakes.push(fake);
  return Object.assign(fake, { count: (action: string) => fake.calls.filter((c) => c === action).length });
}

async function cli(fake: FakeAws, args: string[], env: Record<string, string> = {}, timeoutMs?: number): Promise<CliRun> {
  const run = await runCli(args, { ...awsEnv(fake.url), ...env }, timeoutMs);
  expect(run.stderr, run.stderr).not.toMatch(/^\s{4}at /m);
  expect(run.stdout).not.toMatch(/^\s{4}at /m);
  return run;
}

async function grade(fake: FakeAws, extra: string[] = [], env: Record<string, string> = {}, timeoutMs?: number) {
  return readReport(await cli(fake, ["lab-ec2", "--format", "json", "--probe-host", `127.0.0.1:${app.port}`, "--probe-timeout", "2", ...extra], env, timeoutMs));
}

/** An EC2 page of DescribeInstances with no instances and the given nextToken. */
function ec2Page(token: string | null): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fake</requestId><reservationSet/>${token ? `<nextToken>${token}</nextToken>` : ""}</DescribeInstancesResponse>`;
}
const xml = (body: string) => ({ status: 200, headers: { "content-type": "text/xml;charset=UTF-8" }, body });

describe.concurrent("500 and 503 from AWS", () => {
  it("a burst of two 500s, then an answer: the SDK retries and the grading is normal", async () => {
    const fake = await fakeAws();
        fake.fail("ec2:DescribeInstances", INTERNAL, 2);
    fake.fail("sts:GetCallerIdentity", UNAVAILABLE, 2);
    const { code, status, report } = await grade(fake);
    expect(status).toEqual(except([], "passed"));
    expect(report.errors).toEqual([]);
    expect(report.account.id).toMatch(/^\d{12}$/);
    expect(code).toBe(0);
    expect(fake.count("ec2:DescribeInstances")).toBe(3);
    expect(fake.count("sts:GetCallerIdentity")).toBe(3);
  });

  it("500s that never stop on one listing: its checks are errors naming the call, the rest is graded (exit 0)", async () => {
    const fake = await fakeAws();
        fake.fail("ec2:DescribeVolumes", INTERNAL);
    const { code, status, check, report } = await grade(fake);
    expect(status).toEqual({ ...except(["root-volume"], "passed"), "root-volume": "error" });
    expect(check("root-volume").message).toContain("ec2:DescribeVolumes");
    expect(check("root-volume").message).toContain("InternalError");
    expect(report.errors).toEqual([expect.objectContaining({ action: "ec2:DescribeVolumes", kind: "api", code: "InternalError" })]);
    expect(fake.count("ec2:DescribeVolumes")).toBe(3); // bounded retries
    expect(code).toBe(0); // root-volume is not required and the pass mark is met: the verdict stands
  });

  it("503s that never stop on the main listing: nothing can be graded, exit 3", async () => {
    const fake = await fakeAws();
        fake.fail("ec2:DescribeInstances", UNAVAILABLE);
    const { code, report } = await grade(fake);
    expect(code).toBe(3);
    expect(report.checks.filter((c: any) => c.id !== "no-pem-committed").every((c: any) => c.status === "error")).toBe(true);
    expect(report.errors).toEqual([expect.objectContaining({ action: "ec2:DescribeInstances", code: "Unavailable" })]);
  });
});

describe.concurrent("an answer that never comes is bounded", () => {
  it("identity never answers, with the default bounds: exit 3 with a sentence, well before the old 45 s", async () => {
    const fake = await fakeAws();
    fake.on("sts:GetCallerIdentity", { hang: true });
    fake.on("ec2:*", { hang: true });
    // The bound under test: 3 attempts of 3 s for the identity, then every other call is dropped.
    const run = await cli(fake, ["lab-ec2"], {}, 30_000);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`AWS no respondió a tiempo en ${fake.url}`);
    expect(run.stderr).toContain("ETIMEDOUT");
    expect(fake.count("sts:GetCallerIdentity")).toBe(3);
    expect(run.stdout).toBe("");
  });

  it("an endpoint that answers nothing at all, with a short CALIFICAR_AWS_TIMEOUT: exit 3 at the deadline", async () => {
    const fake = await fakeAws();
    fake.on("*", { hang: true });
    const run = await cli(fake, ["lab-ec2", "--lang", "en"], { CALIFICAR_AWS_TIMEOUT: "1" }, 20_000);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`AWS did not answer in time at ${fake.url}`);
  });

  it("one listing never answers: at the run's deadline it is an error outcome, the rest is graded", async () => {
    const fake = await fakeAws();
        fake.on("ec2:DescribeVolumes", { hang: true });
    const { code, status, check, report } = await grade(fake, [], { CALIFICAR_AWS_TIMEOUT: "15" }, 45_000);
    expect(status).toEqual({ ...except(["root-volume"], "passed"), "root-volume": "error" });
    expect(check("root-volume").message).toContain("AWS no respondió a tiempo a ec2:DescribeVolumes");
    expect(report.errors).toEqual([expect.objectContaining({ action: "ec2:DescribeVolumes", kind: "timeout" })]);
    expect(code).toBe(0);
  });

  it("a listing that trickles one byte at a time (no idle timeout ever fires) is cut at the deadline", async () => {
    const fake = await fakeAws();
        fake.on("ec2:DescribeSecurityGroups", { ...xml(ec2Page(null)), trickleMs: 200 });
    const { status, report } = await grade(fake, [], { CALIFICAR_AWS_TIMEOUT: "15" }, 45_000);
    expect(status["ssh-restricted"]).toBe("error");
    expect(status["port-5000-open"]).toBe("error");
    expect(status["instance-type"]).toBe("passed");
    expect(report.errors).toEqual([expect.objectContaining({ action: "ec2:DescribeSecurityGroups", kind: "timeout", code: "DeadlineExceeded" })]);
  });
});

describe.concurrent("malformed and truncated answers are errors, never a silent «failed»", () => {
  it("DescribeInstances cut in half (valid start, no end): every check an error, exit 3", async () => {
    const fake = await fakeAws();
        fake.on("ec2:DescribeInstances", { rewrite: (body) => body.slice(0, Math.floor(body.length / 2)) });
    const { code, report } = await grade(fake);
    expect(report.errors).toEqual([expect.objectContaining({ action: "ec2:DescribeInstances", kind: "api" })]);
    expect(report.checks.filter((c: any) => c.id !== "no-pem-committed").map((c: any) => c.status)).toEqual(ALL_CHECKS.map(() => "error"));
    expect(code).toBe(3);
  });

  it("a body cut short by the connection (content-length not met): retried, then an error", async () => {
    const fake = await fakeAws();
        fake.on("ec2:DescribeVolumes", { ...xml(ec2Page(null).replace(/DescribeInstances/g, "DescribeVolumes")), cutAfterBytes: 40 });
    const { status, report } = await grade(fake);
    expect(status["root-volume"]).toBe("error");
    expect(report.errors).toEqual([expect.objectContaining({ action: "ec2:DescribeVolumes" })]);
    expect(fake.count("ec2:DescribeVolumes")).toBe(3);
  });

  it.each([
    ["an HTML page from a proxy, status 502", { status: 502, headers: { "content-type": "text/html" }, body: "<html><body><h1>502 Bad Gateway</h1></body></html>" }, "HTTP502"],
    ["an empty 500", { status: 500, body: "" }, "HTTP500"],
  ])("%s on DescribeSecurityGroups: the two rule checks are errors", async (_, answer, code) => {
    const fake = await fakeAws();
    fake.on("ec2:DescribeSecurityGroups", answer);
    const { status, report } = await grade(fake);
    expect(status["ssh-restricted"]).toBe("error");
    expect(status["port-5000-open"]).toBe("error");
    expect(status["instance-type"]).toBe("passed");
    expect(report.errors).toEqual([expect.objectContaining({ action: "ec2:DescribeSecurityGroups", code })]);
  });

  describe("JSON (lab-lambda's ListFunctions)", () => {
    it.each([
      ["truncated", '{"Functions":[{"FunctionName":"hola","Runtime":"python3.1'],
      ["not JSON", "<html>Service Unavailable</html>"],
    ])("%s: every function check is an error naming lambda:ListFunctions, exit 3", async (_, body) => {
      const fake = await fakeAws();
      fake.on("lambda:ListFunctions", { status: 200, headers: { "content-type": "application/json" }, body });
      const run = await cli(fake, ["lab-lambda", "--format", "json", "--no-invoke"]);
      const { code, report } = readReport(run);
      expect(report.errors).toEqual([expect.objectContaining({ action: "lambda:ListFunctions", kind: "api", code: "MalformedResponse" })]);
      expect(report.checks.filter((c: any) => c.status !== "skipped").every((c: any) => c.status === "error")).toBe(true);
      expect(code).toBe(3);
    });

    it.each([
      ["a list that is not one (Functions is a string)", '{"Functions":"hola"}'],
      ["the JSON value null", "null"],
    ])("%s: an error naming lambda:ListFunctions, not a crash", async (_, body) => {
      const fake = await fakeAws();
      fake.on("lambda:ListFunctions", { status: 200, headers: { "content-type": "application/json" }, body });
      const { code, report } = readReport(await cli(fake, ["lab-lambda", "--format", "json", "--no-invoke"]));
      expect(report.errors).toEqual([expect.objectContaining({ action: "lambda:ListFunctions", code: "MalformedResponse" })]);
      expect(code).toBe(3);
    });

    it.each([
      ["a null function", '{"Functions":[null]}'],
      ["an array", "[]"],
    ])("valid JSON with nothing in it (%s): no function, graded as such (exit 1), no crash", async (_, body) => {
      const fake = await fakeAws();
      fake.on("lambda:ListFunctions", { status: 200, headers: { "content-type": "application/json" }, body });
      const { code, report } = readReport(await cli(fake, ["lab-lambda", "--format", "json", "--no-invoke"]));
      expect(report.resource).toBeNull();
      expect(code).toBe(1);
    });
  });
});

describe.concurrent("pagination tokens that repeat end the listing with an error", () => {
  it("the same nextToken forever: DescribeInstances is an error, after a bounded number of calls", async () => {
    const fake = await fakeAws();
    fake.on("ec2:DescribeInstances", xml(ec2Page("otra-vez")));
    const { code, report } = await grade(fake, [], {}, 30_000);
    expect(report.errors).toEqual([expect.objectContaining({ action: "ec2:DescribeInstances", kind: "api", code: "PaginationLoop" })]);
    expect(fake.count("ec2:DescribeInstances")).toBeLessThanOrEqual(5);
    expect(code).toBe(3);
  });

  it("tokens in a cycle (A, B, A, …): stopped the same way", async () => {
    const fake = await fakeAws();
    const next: Record<string, string> = { "": "A", A: "B", B: "A" };
    fake.on("ec2:DescribeInstances", (req: FakeRequest) => xml(ec2Page(next[req.params.get("NextToken") ?? ""]!)));
    const { code, report } = await grade(fake, [], {}, 30_000);
    expect(report.errors).toEqual([expect.objectContaining({ action: "ec2:DescribeInstances", code: "PaginationLoop" })]);
    expect(fake.count("ec2:DescribeInstances")).toBeLessThanOrEqual(10);
    expect(code).toBe(3);
  });

  it("a token that only repeats once the listing is over is not a loop: pages of a real listing are all read", async () => {
    const fake = await fakeAws();
    // Page 1 (from moto, with a token) then the last page (empty, no token).
    fake.on("ec2:DescribeInstances", (req: FakeRequest) => (req.params.get("NextToken") === "fin" ? xml(ec2Page(null)) : { rewrite: (body) => body.replace("</DescribeInstancesResponse>", "<nextToken>fin</nextToken></DescribeInstancesResponse>") }));
    const { code, report } = await grade(fake);
    expect(report.resource.id).toBe(seeded.instanceId);
    expect(report.errors).toEqual([]);
    expect(code).toBe(0);
  });
});

describe.concurrent("a region that answers for one service and fails for another", () => {
  it("EC2 answers, STS 500s in the graded region: graded, the account unknown, the failure listed", async () => {
    const fake = await fakeAws();
    fake.fail("sts:GetCallerIdentity", INTERNAL);
    const { code, status, report } = await grade(fake);
    expect(status).toEqual(except([], "passed"));
    expect(report.account).toBeNull();
    expect(report.errors).toEqual([expect.objectContaining({ action: "sts:GetCallerIdentity", code: "InternalError" })]);
    expect(code).toBe(0);
  });

  it("looking for the instance elsewhere: a region whose EC2 fails does not hide the one where it is", async () => {
    const fake = await fakeAws();
    fake.on("ec2:DescribeInstances", (req: FakeRequest) =>
      /\/ap-southeast-2\/ec2\//.test(String(req.headers["authorization"])) ? errorAnswer("ec2", "InternalError", "boom", 500) : undefined,
    );
    const { code, report } = await grade(fake, ["--region", "us-west-2"]);
    expect(report.resource).toBeNull();
    expect(report.elsewhere).toEqual(expect.arrayContaining([expect.objectContaining({ region: "eu-west-1", count: 1 })]));
    expect(report.errors).toEqual(expect.arrayContaining([expect.objectContaining({ action: "ec2:DescribeInstances", region: "ap-southeast-2", code: "InternalError" })]));
    // The graded region answered: its checks wait for the instance found elsewhere, they are not errors.
    expect(report.checks.find((c: any) => c.id === "instance-type").status).toBe("skipped");
    expect(code).toBe(1);
  });
});
