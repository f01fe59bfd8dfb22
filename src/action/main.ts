// The Action's entry (action.yml → dist/action.js): only this, as in GitHub's typescript-action template.
// The SDK warns about its releases of 2027 on older Node versions; our clients are pinned and bundled.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const { run } = await import("./run.js");
await run();
