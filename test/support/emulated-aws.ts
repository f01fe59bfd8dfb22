import { afterAll, beforeAll, beforeEach } from "vitest";
import { startFakeAws, type FakeAws } from "./fake-aws.js";
import { startMoto, type Moto } from "./moto.js";

/** moto and the fault-injecting fake in front of it, as an end-to-end test file sees them. */
export interface EmulatedAws {
  readonly moto: Moto;
  readonly fake: FakeAws;
}

/**
 * Starts moto and the fake once for the calling test file, and empties both before each test
 * (a file's own beforeEach, registered after this call, runs after the reset).
 */
export function emulatedAws(): EmulatedAws {
  let moto: Moto | undefined;
  let fake: FakeAws | undefined;
  beforeAll(async () => {
    moto = await startMoto();
    fake = await startFakeAws(moto.url);
  });
  afterAll(async () => {
    await Promise.all([moto?.stop(), fake?.close()]);
  });
  beforeEach(async () => {
    await moto?.reset();
    fake?.reset();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("emulatedAws(): moto is not started yet (use it inside a test or a hook)");
    return value;
  };
  return {
    get moto() {
      return started(moto);
    },
    get fake() {
      return started(fake);
    },
  };
}
