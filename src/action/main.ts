// The Action's entry (action.yml → dist/action.js): only this, as in GitHub's typescript-action template.
import { run } from "./run.js";

await run();
