import { describe, expect, it } from "vitest";
import { FREE_TIER_POOLS, loadPrices } from "../../src/cleanup/prices.js";
import { PRICES } from "./fixtures.js";

const numbers = (value: unknown, path = ""): [string, number][] =>
  typeof value === "number"
    ? [[path, value]]
    : value && typeof value === "object"
      ? Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}/${k}`))
      : [];

describe("data/prices.json", () => {
  it("is dated, names its region and sources, and counts a month as 730 hours", () => {
    expect(PRICES.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PRICES.region).toBe("us-east-1");
    expect(PRICES.currency).toBe("USD");
    expect(PRICES.hoursPerMonth).toBe(730);
    expect(PRICES.sources.length).toBeGreaterThan(3);
    expect(PRICES.sources.every((s) => s.startsWith("https://aws.amazon.com/"))).toBe(true);
  });

  it("holds only positive prices (a typo like -0.01 or 0 would hide a cost)", () => {
    const bad = numbers(PRICES).filter(([path, n]) => !(n > 0) && !path.endsWith("/months"));
    expect(bad).toEqual([]);
  });

  it("prices every free-tier instance, volume and load balancer type, and sizes every pool", () => {
    for (const type of PRICES.freeTier.ec2InstanceTypes) expect(PRICES.ec2.linuxOnDemandHourly[type], type).toBeGreaterThan(0);
    for (const type of PRICES.freeTier.ebsVolumeTypes) expect(PRICES.ebs.gbMonth[type], type).toBeGreaterThan(0);
    for (const type of PRICES.freeTier.loadBalancerTypes) expect(PRICES.loadBalancerHourly[type as "classic"], type).toBeGreaterThan(0);
    expect(Object.keys(PRICES.freeTier.pools).sort()).toEqual([...FREE_TIER_POOLS].sort());
  });

  it.each([
    ["t2.micro", 0.0116],
    ["t3.micro", 0.0104],
    ["t3.small", 0.0208],
  ])("keeps the course's instance type %s at %s USD/h", (type, price) => {
    expect(PRICES.ec2.linuxOnDemandHourly[type]).toBe(price);
  });

  it("prices the Free Plan's EC2 types too (accounts created from 2025-07-15), and says when that plan began", () => {
    expect(PRICES.freeTier.freePlan.since).toBe("2025-07-15");
    expect(PRICES.freeTier.freePlan.ec2InstanceTypes).toContain("t3.micro");
    expect(PRICES.freeTier.freePlan.ec2InstanceTypes).not.toContain("t2.micro");
    for (const type of PRICES.freeTier.freePlan.ec2InstanceTypes) expect(PRICES.ec2.linuxOnDemandHourly[type], type).toBeGreaterThan(0);
  });

  it("keeps public IPv4 at 0.005 USD per address-hour, in use or idle, as AWS charges since February 2024", () => {
    expect(PRICES.publicIpv4Hourly).toBe(0.005);
  });

  it("prices the database the Beanstalk lesson adds", () => {
    expect(PRICES.rds.singleAzHourly["postgres"]!["db.t4g.micro"]).toBe(0.016);
    expect(PRICES.rds.storageGbMonth["gp3"]).toBe(0.115);
    expect(PRICES.rds.snapshotGbMonth).toBe(0.095);
  });

  describe("says where each price comes from («checked»)", () => {
    // A price is checked by the entry with the longest pointer that is its path or an ancestor of it.
    const prices = numbers(PRICES)
      .map(([path]) => path)
      .filter((path) => path !== "/hoursPerMonth" && !path.endsWith("/months") && !path.startsWith("/checked/"));
    const pointers = PRICES.checked.flatMap((c) => c.prices);
    const checkOf = (path: string) =>
      PRICES.checked
        .flatMap((c) => c.prices.filter((p) => path === p || path.startsWith(`${p}/`)).map((p) => ({ p, c })))
        .sort((a, b) => b.p.length - a.p.length)[0]?.c;

    it("covers every price", () => {
      expect(prices.length).toBeGreaterThan(90);
      expect(prices.filter((path) => !checkOf(path))).toEqual([]);
    });

    it("names each pointer once, and only pointers that exist", () => {
      expect(new Set(pointers).size).toBe(pointers.length);
      expect(pointers.filter((p) => !prices.some((path) => path === p || path.startsWith(`${p}/`)))).toEqual([]);
    });

    it("cites a source for every price it calls confirmed, and says what it could not verify", () => {
      for (const check of PRICES.checked) {
        expect(["confirmed", "unverified", "conflict"]).toContain(check.status);
        expect(check.note.length, check.prices.join()).toBeGreaterThan(10);
        expect(check.sources.every((s) => s.startsWith("https://"))).toBe(true);
        if (check.status !== "unverified") expect(check.sources.length, check.prices.join()).toBeGreaterThan(0);
      }
      expect(checkOf("/ec2/linuxOnDemandHourly/t3.micro")!.status).toBe("confirmed");
      expect(checkOf("/ec2/linuxOnDemandHourly/t2.micro")!.status).toBe("unverified");
      expect(checkOf("/s3GbMonth/EXPRESS_ONEZONE")!.status).toBe("conflict");
      expect(checkOf("/rds/singleAzHourly/mysql/db.t3.micro")!.status).toBe("unverified");
    });
  });

  it("is what loadPrices reads from the package", async () => {
    expect(await loadPrices()).toEqual(PRICES);
  });
});
