#!/usr/bin/env bash
# The test command (`npm test`): every Jest suite, unit and end-to-end, under the project toolchain, then one
# plain summary line ("Tests: N passed, N failed") that CI can read. Extra arguments go to Jest.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=toolchain.sh
source "$here/toolchain.sh"
cd "$here/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
npx jest --runInBand --json --outputFile="$report" "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' "$report" || true
exit "$status"
