import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The end-to-end tests run dist/: build first when the sources are newer. Then record every AWS
    // call of the graded processes and fail the run on one outside the read-only policy.
    globalSetup: ["test/support/build-fresh.ts", "test/support/global-setup.ts"],
    // At least two files at a time, even on two cores (where vitest's default is one): most of the
    // suite waits on the built CLI and moto in other processes. Measured on this 2-core machine:
    // 456 s with one worker, 299 s and 252 s with two, both runs without a failure.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      AWS_EC2_METADATA_DISABLED: "true",
    },
  },
});
