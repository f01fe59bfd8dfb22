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

  it("is what loadPrices reads from the package", async () => {
    expect(await loadPrices()).toEqual(PRICES);
  });
});
