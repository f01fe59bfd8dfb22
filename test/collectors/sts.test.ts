import { ExpiredTokenException, GetCallerIdentityCommand, STSClient, STSServiceException } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import collector, { type StsFacts } from "../../checks/sts.js";
import { ClientPool } from "../../src/collect/clients.js";
import { makeContext } from "../../src/collect/collector.js";
import type { CallError } from "../../src/core/snapshot.js";

// GetCallerIdentity's answer per the STS API reference: UserId, Account, Arn.

const sts = mockClient(STSClient);
let pool: ClientPool;

beforeEach(() => {
  sts.reset();
  pool = new ClientPool({ credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" }) });
});
afterEach(() => pool.destroy());

async function collect(region = "us-east-1") {
  const errors: CallError[] = [];
  const facts = (await collector.collect(makeContext(collector, region, pool, {}, errors))) as StsFacts;
  return { facts, errors };
}

const META = { httpStatusCode: 403, requestId: "c6104cbe-af31-11e0-8154-cbc7ccf896c7", attempts: 1, totalRetryDelay: 0 };

describe("sts collector", () => {
  it("says who is being graded", async () => {
    sts.on(GetCallerIdentityCommand).resolves({
      $metadata: { ...META, httpStatusCode: 200 },
      UserId: "AIDASAMPLEUSERID",
      Account: "123456789012",
      Arn: "arn:aws:iam::123456789012:user/ana",
    });
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(facts).toEqual({ account: "123456789012", arn: "arn:aws:iam::123456789012:user/ana", userId: "AIDASAMPLEUSERID" });
  });

  it("reads an assumed role's identity as it comes", async () => {
    sts.on(GetCallerIdentityCommand).resolves({
      UserId: "AROA3XFRBF535PLBIFPI4:ana@example.com",
      Account: "210987654321",
      Arn: "arn:aws:sts::210987654321:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/ana@example.com",
    });
    const { facts } = await collect();
    expect(facts.arn).toContain(":assumed-role/");
    expect(facts.account).toBe("210987654321");
  });

  it.each([
    {
      name: "an expired session token (STS's wire code)",
      error: () => new STSServiceException({ name: "ExpiredToken", $fault: "client", $metadata: META, message: "The security token included in the request is expired" }),
      code: "ExpiredToken",
    },
    {
      name: "an expired session token (the modeled exception)",
      error: () => new ExpiredTokenException({ $metadata: { ...META, httpStatusCode: 400 }, message: "The security token included in the request is expired" }),
      code: "ExpiredTokenException",
    },
    {
      name: "an access key that does not exist",
      error: () => new STSServiceException({ name: "InvalidClientTokenId", $fault: "client", $metadata: META, message: "The security token included in the request is invalid." }),
      code: "InvalidClientTokenId",
    },
    {
      name: "a wrong secret key",
      error: () => new STSServiceException({ name: "SignatureDoesNotMatch", $fault: "client", $metadata: META, message: "The request signature we calculated does not match the signature you provided." }),
      code: "SignatureDoesNotMatch",
    },
    {
      name: "no credentials anywhere in the chain",
      error: () => Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError", tryNextLink: false }),
      code: "CredentialsProviderError",
    },
  ])("records $name as a credentials error, not a crash", async ({ error, code }) => {
    sts.on(GetCallerIdentityCommand).rejects(error());
    const { facts, errors } = await collect();
    expect(facts).toEqual({ account: null, arn: null, userId: null });
    expect(errors).toEqual([expect.objectContaining({ action: "sts:GetCallerIdentity", kind: "credentials", code, collector: "sts", region: "us-east-1" })]);
  });

  it("records an unreachable endpoint as a network error", async () => {
    sts.on(GetCallerIdentityCommand).rejects(
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4566"), { code: "ECONNREFUSED", errno: -111, syscall: "connect", address: "127.0.0.1", port: 4566, $metadata: { attempts: 3, totalRetryDelay: 300 } }),
    );
    const { errors } = await collect();
    expect(errors).toEqual([expect.objectContaining({ action: "sts:GetCallerIdentity", kind: "network", code: "ECONNREFUSED" })]);
  });

  it("lets an error that is not the SDK's propagate", async () => {
    sts.on(GetCallerIdentityCommand).rejects(new TypeError("x is not a function"));
    await expect(collect()).rejects.toThrow(TypeError);
  });

  it("sends only GetCallerIdentity, once", async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/ana", UserId: "AIDA" });
    await collect();
    expect(sts.calls().map((c) => (c.args[0] as object).constructor.name)).toEqual(["GetCallerIdentityCommand"]);
    expect(collector.actions).toEqual(["sts:GetCallerIdentity"]);
  });
});
