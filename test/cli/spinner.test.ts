import { afterEach, describe, expect, it, vi } from "vitest";
import type { Io } from "../../src/cli/io.js";
import { WAIT } from "../../src/cli/messages.js";
import { showsSpinner, startSpinner } from "../../src/cli/spinner.js";

// While calificar waits on AWS, a terminal shows that it is waiting; a pipe, a file or CI show
// nothing. Fake timers: the test drives the clock, it measures nothing.

function io(tty: boolean, env: Record<string, string> = {}): Io & { err: () => string } {
  let err = "";
  return {
    stdout: { write: () => true, isTTY: tty },
    stderr: { write: (s: string) => (err += s), isTTY: tty },
    env,
    now: () => new Date(),
    err: () => err,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("waiting on AWS", () => {
  it("shows nothing for a quick grading, then a spinner with the seconds waited, and clears it at the end", () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const term = io(true);
    const stop = startSpinner(term, WAIT.grading, "es");
    vi.advanceTimersByTime(1000);
    expect(term.err()).toBe("");
    vi.advanceTimersByTime(2100);
    expect(term.err()).toContain("Consultando AWS… 3 s");
    expect(term.err()).toMatch(/^\r\x1b\[2K[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] /);
    stop();
    expect(term.err().endsWith("\r\x1b[2K")).toBe(true);
    const written = term.err();
    vi.advanceTimersByTime(5000);
    expect(term.err()).toBe(written);
  });

  it("says it in English too", () => {
    vi.useFakeTimers();
    const term = io(true);
    const stop = startSpinner(term, WAIT.grading, "en");
    vi.advanceTimersByTime(2000);
    stop();
    expect(term.err()).toContain("Waiting for AWS…");
  });

  it.each([
    ["a pipe or a file", io(false)],
    ["CI", io(true, { CI: "true" })],
    ["a dumb terminal", io(true, { TERM: "dumb" })],
  ])("shows nothing on %s", (_label, target) => {
    vi.useFakeTimers();
    expect(showsSpinner(target)).toBe(false);
    const stop = startSpinner(target, WAIT.grading, "es");
    vi.advanceTimersByTime(60_000);
    stop();
    expect(target.err()).toBe("");
  });

  it("leaves nothing behind when stopped before it showed", () => {
    vi.useFakeTimers();
    const term = io(true);
    startSpinner(term, WAIT.grading, "es")();
    vi.advanceTimersByTime(10_000);
    expect(term.err()).toBe("");
  });
});

describe("calificar <lab> waiting on an endpoint that accepts and never answers", () => {
  it("shows the spinner on a terminal's stderr, and clears it before saying why nothing was graded", async () => {
    const { createServer } = await import("node:net");
    const { main } = await import("../../src/cli/main.js");
    const sockets = new Set<import("node:net").Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    vi.stubEnv("AWS_ACCESS_KEY_ID", "testing");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "testing");
    vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
    try {
      const term = io(true, { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, AWS_REGION: "us-east-1" });
      const running = main(["lab-ec2", "--no-probe"], term);
      await vi.waitFor(() => expect(term.err()).toContain("Consultando AWS…"), { timeout: 20_000, interval: 100 });
      // The endpoint goes away: the grading ends, and the spinner's line is cleared before the sentence.
      server.close();
      for (const socket of sockets) socket.destroy();
      expect(await running).toBe(3);
      expect(term.err()).toMatch(/\r\x1b\[2Kcalificar: /);
    } finally {
      vi.unstubAllEnvs();
      server.close();
    }
  }, 60_000);
});
