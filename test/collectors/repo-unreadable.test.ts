import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { describe, expect, it, vi } from "vitest";

// Files and folders the reader cannot read. These tests run as root, where chmod 000 blocks
// nothing, so the failure is injected: `open` and `readdir` of node:fs/promises throw EACCES for
// the paths listed in UNREADABLE, exactly as they do for a user without permission. (The faults
// suite makes the same files unreadable for real by running as the `nobody` user.)
const UNREADABLE = new Set<string>();
const denied = (path: unknown) => {
  const err = Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: "EACCES" });
  return Promise.reject(err);
};
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...fs,
    open: (path: string, ...rest: unknown[]) => (UNREADABLE.has(String(path)) ? denied(path) : (fs.open as (...a: unknown[]) => unknown)(path, ...rest)),
    readdir: (path: string, ...rest: unknown[]) => (UNREADABLE.has(String(path)) ? denied(path) : (fs.readdir as (...a: unknown[]) => unknown)(path, ...rest)),
  };
});

const { readRepo } = await import("../../src/collect/repo-reader.js");

function repo(files: Record<string, string>, unreadable: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "calificar-unreadable-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const path of unreadable) UNREADABLE.add(join(dir, ...path.split("/")).replace(/[\\/]$/, "").split("/").join(sep));
  return dir;
}

describe("repo collector: files and folders it cannot read", () => {
  it("records an unreadable Procfile and .env with the system's code, and reads the rest", async () => {
    const dir = repo({ Procfile: "web: node app.js\n", ".env": "DB_PASSWORD=Sup3r-S3creta\n", "package.json": '{"scripts":{"start":"node app.js"}}' }, ["Procfile", ".env"]);
    const facts = await readRepo(dir);
    expect(facts.unreadable).toEqual([
      { file: ".env", code: "EACCES" },
      { file: "Procfile", code: "EACCES" },
    ]);
    expect(facts.procfile).toBeNull();
    expect(facts.secrets).toEqual([]);
    expect(facts.packageJson?.scripts).toEqual({ start: "node app.js" });
  });

  it("records an unreadable folder, ending in /", async () => {
    const dir = repo({ "app/Procfile": "web: node app.js\n", "README.md": "hola\n" }, ["app"]);
    expect((await readRepo(dir)).unreadable).toEqual([{ file: "app/", code: "EACCES" }]);
  });
});
