import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { query } from "../../src/core/compile.js";
import { parseLab } from "../../src/core/parse-lab.js";
import { ROOT } from "../support/cli.js";

const LAB_EC2 = JSON.parse(readFileSync(join(ROOT, "labs/lab-ec2.json"), "utf8"));

/** lab-ec2 with its first check's subject replaced. */
function withSubject(subject: string): string {
  return JSON.stringify({ ...LAB_EC2, checks: [{ ...LAB_EC2.checks[0], subject }, ...LAB_EC2.checks.slice(1)] });
}

describe("a lab's JMESPath, checked when the lab loads", () => {
  it.each([
    ["a function that does not exist", "nope(@)", "Unknown function"],
    ["a function with the wrong number of arguments", "length(@, `1`)", "Invalid arity"],
    ["an expression that does not parse", "state.[", ""],
  ])("refuses %s", async (_, subject, detail) => {
    await expect(parseLab(withSubject(subject), "lab-x.json")).rejects.toMatchObject({ exitCode: 2, detail: expect.stringContaining(detail) });
  });

  it.each([["length(tags)"], ["join(', ', names)"], ["sort_by(items, &name)[0]"]])("accepts %s, which finds nothing on empty data", async (subject) => {
    await expect(parseLab(withSubject(subject), "lab-x.json")).resolves.toMatchObject({ id: "lab-ec2" });
  });

  it("grades a type error met in the data as nothing found, never a crash", () => {
    expect(query("join(', ', names)", { names: 3 })).toBeNull();
    expect(query("join(', ', names)", { names: ["a", "b"] })).toBe("a, b");
  });
});
