import { defineCollector } from "./collector.js";
import type { RepoFacts } from "./repo-reader.js";

export default defineCollector<RepoFacts>({
  service: "repo",
  // Files only: no AWS call, so nothing for the IAM policy.
  actions: [],
  // Without --repo there are no repository facts at all, and evaluation leaves the lab's
  // repository checks out of the grading (an empty object would fail them instead).
  wanted: (options) => options.repoDir !== undefined,
  async collect(ctx) {
    // The reader (and its YAML parser) is loaded only when there is a repository to read.
    const { readRepoDir } = await import("./repo-reader.js");
    return readRepoDir(ctx.options.repoDir!);
  },
});
