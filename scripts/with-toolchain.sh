#!/usr/bin/env bash
# Runs a command with the project toolchain (Node >= 22, the Pulumi CLI, offline Pulumi settings) on PATH.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=toolchain.sh
source "$here/toolchain.sh"
[ -d "$here/../node_modules" ] || (cd "$here/.." && npm ci --no-audit --no-fund)
exec "$@"
