#!/usr/bin/env bash
# `npm run test:live`: the conformance suite (test/conformance/api-contract.test.ts) against the endpoint and
# credentials of the HAPN_* environment. Without HAPN_LIVE=1 and both credentials it skips with one line.
set -euo pipefail
if [ "${HAPN_LIVE:-}" != "1" ] || [ -z "${HAPN_CLIENT_ID:-}" ] || [ -z "${HAPN_CLIENT_SECRET:-}" ]; then
  echo "test:live skipped: set HAPN_LIVE=1, HAPN_CLIENT_ID and HAPN_CLIENT_SECRET (and HAPN_API_URL / HAPN_AUTH_URL for another endpoint) to run the API conformance suite"
  exit 0
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=toolchain.sh
source "$here/toolchain.sh"
cd "$here/.."
exec npx jest --selectProjects unit --runInBand test/conformance/api-contract.test.ts "$@"
