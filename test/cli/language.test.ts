import { describe, expect, it } from "vitest";
import type { Io } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { EXIT } from "../../src/core/errors.js";

function run(argv: string[], env: Record<string, string | undefined> = {}) {
  const out = { stdout: "", stderr: "" };
  const io: Io = {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
    env,
    now: () => new Date("2026-12-01T10:00:00Z"),
  };
  return main(argv, io).then((code) => ({ code, ...out }));
}

const EXAMPLE = "examples/lab-ec2.snapshot.json";

// --lang, then CALIFICAR_LANG, then Spanish: the same rule for every command.
describe("language", () => {
  it.each([
    { argv: ["labs"], env: { CALIFICAR_LANG: "en" }, says: "A server on EC2" },
    { argv: ["labs"], env: {}, says: "Un servidor en EC2" },
    { argv: ["labs", "--lang", "es"], env: { CALIFICAR_LANG: "en" }, says: "Un servidor en EC2" },
    { argv: ["lab-ec2", "--snapshot", EXAMPLE], env: { CALIFICAR_LANG: "en" }, says: "The instance is running" },
    { argv: ["limpieza", "--help"], env: { CALIFICAR_LANG: "en" }, says: "Usage: calificar cleanup" },
    { argv: ["policy", "--help"], env: { CALIFICAR_LANG: "en" }, says: "Usage: calificar policy" },
  ])("$argv with $env speaks the chosen language", async ({ argv, env, says }) => {
    const { stdout, stderr } = await run(argv, env);
    expect(stdout + stderr).toContain(says);
  });

  it.each([["labs"], ["policy"], ["limpieza"], ["lab-ec2", "--snapshot", EXAMPLE]])("%s refuses an unknown language the same way", async (...argv) => {
    const { code, stderr } = await run([...argv, "--lang", "fr"]);
    expect(code).toBe(EXIT.badInput);
    expect(stderr).toContain("Idioma no disponible: fr (usa es o en)");
  });

  it("shows the option placeholders of --help in English with --lang en", async () => {
    const { stdout } = await run(["--help", "--lang", "en"]);
    expect(stdout).toContain("--region REGION");
    expect(stdout).toContain("--profile PROFILE");
    expect(stdout).toContain("--output FILE");
    expect(stdout).not.toMatch(/REGIÓN|PERFIL|ARCHIVO|CARPETA|NOMBRE|SEGUNDOS|PUERTO/);
  });
});

describe("input that does not exist", () => {
  it.each([["labs", "--labs", "/no/existe"], ["lab-ec2", "--labs", "/no/existe", "--snapshot", EXAMPLE]])(
    "%s: a --labs folder that does not exist is exit 2, not the bundled labs",
    async (...argv) => {
      const { code, stderr, stdout } = await run(argv);
      expect(code).toBe(EXIT.badInput);
      expect(stderr).toContain("No existe la carpeta de laboratorios /no/existe");
      expect(stdout).toBe("");
    },
  );
});

describe("a lab naming a collector calificar does not have", () => {
  it("is refused at load, with --snapshot as when grading live", async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const lab = JSON.parse(readFileSync("labs/lab-ec2.json", "utf8"));
    const file = join(mkdtempSync(join(tmpdir(), "calificar-lab-")), "lab-raro.json");
    writeFileSync(file, JSON.stringify({ ...lab, id: "lab-raro", collectors: ["ec2", "rds2"] }));
    for (const argv of [[file, "--snapshot", EXAMPLE], [file]]) {
      const { code, stderr } = await run(argv);
      expect(code).toBe(EXIT.badInput);
      expect(stderr).toContain("usa un colector desconocido: rds2");
    }
  });
});
