import { describe, expect, it } from "vitest";
import { parseArgv, type ArgSpecs } from "../../src/cli/args.js";
import { runMain } from "../fuzz/fuzz.js";

const SPECS = {
  lab: { type: "positional", description: { es: "lab", en: "lab" } },
  region: { type: "string", description: { es: "región", en: "region" } },
  probe: { type: "boolean", default: true, description: { es: "sondas", en: "probes" } },
} satisfies ArgSpecs;

describe("parseArgv", () => {
  // `_` is where the parser keeps the positionals: as an option it would replace them (found by
  // fuzzing: `calificar lab-ec2 -_` was «a bug in calificar»).
  it.each(["-_", "--_", "--no-_", "--_=x", "--bogus", "-x", "--no-bogus"])("refuses %s as an unknown option", (token) => {
    expect(() => parseArgv(["lab-ec2", token], SPECS, {})).toThrow(expect.objectContaining({ exitCode: 2, text: { es: `Opción desconocida: ${token}`, en: `Unknown option: ${token}` } }));
  });

  it("keeps the positionals, and reads the options it knows", () => {
    expect(parseArgv(["lab-ec2", "--region", "eu-west-1", "--no-probe"], SPECS, {})).toEqual({ _: ["lab-ec2"], values: { lab: "lab-ec2", region: "eu-west-1", probe: false } });
  });
});

describe("every command refuses an option named _", () => {
  it.each([["lab-ec2"], ["labs"], ["limpieza"], ["politica"], ["clase", "lab-ec2"], ["tablero", "informes"], ["notas", "informes"]])("%s", async (...command) => {
    const run = await runMain([...command, "-_"]);
    expect(run).toMatchObject({ code: 2, stderr: expect.stringContaining("Opción desconocida: -_") });
  });
});
