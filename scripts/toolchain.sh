#!/usr/bin/env bash
# Brings the toolchain this project needs and exports it into the calling shell. Source it:
#   source scripts/toolchain.sh
# Idempotent; everything heavy is cached outside the repo in $HAPN_TOOLS_DIR (default ~/.cache/pulumi-hapn):
#   - Node >= 22: the machine's node when new enough, else node@22 from the npm registry;
#   - the Pulumi CLI: $PULUMI_BIN, a `pulumi` on PATH, a cached build, a build from the Go module proxy, or (on a
#     machine with internet) the official installer;
#   - the Node.js language host (pulumi-language-nodejs), built at the CLI's release commit when it can be had;
#   - pulumi-resource-pulumi-nodejs (the dynamic-provider host shipped in @pulumi/pulumi) beside the CLI;
#   - offline settings for Pulumi (no update check, no plugin downloads, a passphrase for local stacks).

HAPN_TOOLS_DIR="${HAPN_TOOLS_DIR:-$HOME/.cache/pulumi-hapn}"
HAPN_PULUMI_VERSION="${HAPN_PULUMI_VERSION:-v3.274.1}"
HAPN_NODE_MAJOR=22

_hapn_say() { printf '[toolchain] %s\n' "$*" >&2; }

_hapn_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null) || return 1
  [ "${major:-0}" -ge "$HAPN_NODE_MAJOR" ]
}

_hapn_ensure_node() {
  if _hapn_node_ok; then return 0; fi
  local platform arch pkg dir
  platform=$(uname -s | tr '[:upper:]' '[:lower:]')
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
  pkg="node-${platform}-${arch}"
  dir="$HAPN_TOOLS_DIR/node$HAPN_NODE_MAJOR"
  if [ ! -x "$dir/node_modules/$pkg/bin/node" ]; then
    _hapn_say "node $(node --version 2>/dev/null || echo missing) is older than $HAPN_NODE_MAJOR; installing $pkg@$HAPN_NODE_MAJOR from the npm registry"
    mkdir -p "$dir"
    # The `node` meta-package picks this binary in an install script, which npm 11 does not run unapproved,
    # so the platform package is installed directly.
    (cd "$dir" && npm install --no-save --no-audit --no-fund --prefix . "$pkg@$HAPN_NODE_MAJOR" >&2) || return 1
  fi
  export PATH="$dir/node_modules/$pkg/bin:$PATH"
  _hapn_node_ok || { _hapn_say "could not get Node >= $HAPN_NODE_MAJOR"; return 1; }
}

# Writes the dynamic-provider host shim next to the CLI: the engine looks there (and on PATH) for
# pulumi-resource-pulumi-nodejs and would otherwise try to download it. It resolves @pulumi/pulumi from the
# project directory (the plugin's cwd), like the script shipped in @pulumi/pulumi.
_hapn_write_provider_shim() {
  local shim="$1/pulumi-resource-pulumi-nodejs"
  [ -x "$shim" ] && return 0
  cat >"$shim" <<'SHIM'
#!/bin/sh
p=$(node -p "require.resolve('@pulumi/pulumi/cmd/dynamic-provider')") || exit 1
exec node "$p" "$@"
SHIM
  chmod +x "$shim"
}

_hapn_go_build() { # <out> <package>
  CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$HAPN_PULUMI_VERSION" \
    -o "$1" "$2"
}

_hapn_build_pulumi() { # <cache dir>
  local dir="$1" v="$HAPN_PULUMI_VERSION" src="$1/src"
  mkdir -p "$src/cli" "$dir/bin"
  _hapn_say "building the Pulumi CLI $v from the Go module proxy (first time only; several minutes on 2 cores)"
  (
    set -e
    cd "$src/cli"
    [ -f go.mod ] || go mod init local/pulumi-cli >/dev/null 2>&1
    # pkg's own go.mod has replace lines, so `go install …@v` refuses it; a scratch module requires it instead.
    go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
    go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$v" "github.com/pulumi/pulumi/sdk/v3@$v"
    _hapn_go_build "$dir/bin/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
    mv "$dir/bin/pulumi.tmp" "$dir/bin/pulumi"
  ) >&2 || return 1
  _hapn_say "built $("$dir/bin/pulumi" version)"
}

# The language host has no tags of its own: it is reachable only as a pseudo-version of the release commit.
# HAPN_LANGHOST_COMMIT names that commit; otherwise the module proxy's Origin.Hash of sdk/v3@<version> is used when
# the proxy reports it. (On our machines the proxy reports no Origin and refuses the language-host module, so
# this fails fast and the project runs its programs through the Automation API, which needs no language host.)
_hapn_build_language_host() { # <cache dir>
  local dir="$1" v="$HAPN_PULUMI_VERSION" src="$1/src" sha="${HAPN_LANGHOST_COMMIT:-}"
  mkdir -p "$src/langhost"
  _hapn_say "trying to build pulumi-language-nodejs for $v"
  (
    set -e
    cd "$src/langhost"
    if [ -z "$sha" ]; then
      sha=$(go mod download -json "github.com/pulumi/pulumi/sdk/v3@$v" | sed -n 's/.*"Hash": "\([0-9a-f]\{40\}\)".*/\1/p' | head -1)
    fi
    [ -n "$sha" ] || { echo "the module proxy reports no release commit for sdk/v3@$v (set HAPN_LANGHOST_COMMIT)"; exit 1; }
    [ -f go.mod ] || go mod init local/pulumi-langhost >/dev/null 2>&1
    go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
    go get "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@$sha" \
      "github.com/pulumi/pulumi/pkg/v3@$v" "github.com/pulumi/pulumi/sdk/v3@$v"
    _hapn_go_build "$dir/bin/pulumi-language-nodejs.tmp" github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
    mv "$dir/bin/pulumi-language-nodejs.tmp" "$dir/bin/pulumi-language-nodejs"
  ) >&2
}

_hapn_ensure_pulumi() {
  local dir="$HAPN_TOOLS_DIR/pulumi-$HAPN_PULUMI_VERSION" bindir
  if [ -n "${PULUMI_BIN:-}" ]; then
    bindir=$(cd "$(dirname "$PULUMI_BIN")" && pwd)
  elif command -v pulumi >/dev/null 2>&1 && pulumi version >/dev/null 2>&1; then
    bindir=$(cd "$(dirname "$(command -v pulumi)")" && pwd)
  elif [ -x "$dir/bin/pulumi" ]; then
    bindir="$dir/bin"
  elif command -v go >/dev/null 2>&1; then
    _hapn_build_pulumi "$dir" || { _hapn_say "building the Pulumi CLI failed (see above)"; return 1; }
    bindir="$dir/bin"
  elif command -v curl >/dev/null 2>&1; then
    _hapn_say "no Go toolchain: trying the official Pulumi installer (needs internet)"
    curl -fsSL https://get.pulumi.com | sh -s -- --version "${HAPN_PULUMI_VERSION#v}" --install-root "$dir" >&2 ||
      return 1
    bindir="$dir/bin"
  else
    _hapn_say "no Pulumi CLI, no Go toolchain and no curl: set PULUMI_BIN to a pulumi binary"
    return 1
  fi
  if [ ! -x "$bindir/pulumi-language-nodejs" ] && ! command -v pulumi-language-nodejs >/dev/null 2>&1; then
    if [ "$bindir" = "$dir/bin" ] && command -v go >/dev/null 2>&1 && [ ! -e "$dir/langhost-failed" ]; then
      _hapn_build_language_host "$dir" || {
        touch "$dir/langhost-failed"
        _hapn_say "could not build pulumi-language-nodejs; only Automation API inline programs will run"
      }
    fi
  fi
  if [ "$bindir" = "$dir/bin" ]; then
    # Beside our own CLI build; ambient (PATH) plugins are then ignored, which also silences the CLI's warning
    # about a plugin found on PATH.
    _hapn_write_provider_shim "$bindir"
    export PULUMI_IGNORE_AMBIENT_PLUGINS=true
  else
    # A user's own CLI folder stays untouched: the shim goes on PATH instead.
    mkdir -p "$HAPN_TOOLS_DIR/shims"
    _hapn_write_provider_shim "$HAPN_TOOLS_DIR/shims"
    export PATH="$HAPN_TOOLS_DIR/shims:$PATH"
  fi
  export PATH="$bindir:$PATH"
  export PULUMI_BIN="$bindir/pulumi"
}

_hapn_offline_pulumi_env() {
  export PULUMI_SKIP_UPDATE_CHECK=true
  export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
  export PULUMI_DISABLE_REGISTRY_RESOLVE=true
  export PULUMI_HOME="${PULUMI_HOME:-$HAPN_TOOLS_DIR/pulumi-home}"
  # A local file backend unless one is chosen already; the tests and the demo give each stack its own.
  if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
    export PULUMI_BACKEND_URL="file://${TMPDIR:-/tmp}/pulumi-hapn-state"
    mkdir -p "${TMPDIR:-/tmp}/pulumi-hapn-state"
  fi
  # Local (file://) stacks encrypt secrets with a passphrase; this default is for throwaway local stacks only.
  if [ -z "${PULUMI_CONFIG_PASSPHRASE+x}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
    export PULUMI_CONFIG_PASSPHRASE="hapn-local-stacks"
  fi
  mkdir -p "$PULUMI_HOME"
}

_hapn_ensure_node && _hapn_ensure_pulumi && _hapn_offline_pulumi_env
