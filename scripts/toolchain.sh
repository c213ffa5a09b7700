#!/usr/bin/env bash
# Brings the toolchain this project needs and puts it on the calling shell's PATH. Source it:
#   source scripts/toolchain.sh
# It changes PATH and sets HAPN_PULUMI_PLUGINS (where the plugins it built live). Your backend (`pulumi login`)
# and passphrase stay yours. The one thing it may add to your Pulumi home ($PULUMI_HOME, default ~/.pulumi): with a
# CLI of its own build (a machine that cannot download plugins), the `random` plugin it built, installed with
# `pulumi plugin install … --file` as you would, only when that version is not there yet, so that a `pulumi up`
# you run by hand finds it. The tests and the demo give every run its own backend, passphrase and Pulumi home
# (scripts/lib/pulumi-sandbox.ts).
#
# Idempotent; everything heavy is cached outside the repo in $HAPN_TOOLS_DIR (default ~/.cache/pulumi-hapn):
#   - Node >= 22: the machine's node when new enough, else node@22 from the npm registry;
#   - the Pulumi CLI: $PULUMI_BIN, a `pulumi` on PATH, a cached build, or a build from the Go module proxy.
#     A CLI that is already installed is used as it is and never modified.
#   - with a CLI of our own build, beside it: the Node.js, Go and YAML language hosts, and the dynamic-provider
#     host shim; and the @pulumi/random resource plugin in a plugin folder of its own (and in your plugin cache).
# The Node.js and Go language hosts and the random plugin are built from the upstream sources in
# $HAPN_TOOLCHAIN_SRC (default ../shared/toolchain beside the repo), because the Go module proxy does not serve them.

HAPN_TOOLS_DIR="${HAPN_TOOLS_DIR:-$HOME/.cache/pulumi-hapn}"
HAPN_PULUMI_VERSION="${HAPN_PULUMI_VERSION:-v3.274.1}"
# v1.38 or newer: v1.25 starts a `runtime: nodejs` plugin folder's language host with a `-root` flag it refuses.
HAPN_YAML_VERSION="${HAPN_YAML_VERSION:-v1.38.1}"
# The @pulumi/random SDK version the examples pin; the engine asks for the plugin at exactly this version.
HAPN_RANDOM_VERSION="${HAPN_RANDOM_VERSION:-4.21.2}"
HAPN_NODE_MAJOR=22
_hapn_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HAPN_TOOLCHAIN_SRC="${HAPN_TOOLCHAIN_SRC:-$_hapn_repo/../shared/toolchain}"

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

# The dynamic-provider host: the engine looks for pulumi-resource-pulumi-nodejs beside the CLI (and on PATH) and
# would otherwise try to download it. It resolves @pulumi/pulumi from the project folder (the plugin's cwd), like
# the script shipped in @pulumi/pulumi.
_hapn_write_provider_shim() {
  local shim="$1/pulumi-resource-pulumi-nodejs"
  [ -x "$shim" ] && return 0
  cat >"$shim.tmp" <<'SHIM'
#!/bin/sh
p=$(node -p "require.resolve('@pulumi/pulumi/cmd/dynamic-provider')") || exit 1
exec node "$p" "$@"
SHIM
  chmod +x "$shim.tmp" && mv "$shim.tmp" "$shim"
}

# Builds one Go main package of a scratch module in <dir> into <out>. A scratch module is needed because the
# modules' own go.mod files carry replace lines, which `go install …@version` refuses.
_hapn_go_build_in() { # <dir> <out> <package> [ldflags…]
  local dir="$1" out="$2" pkg="$3"
  shift 3
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace -ldflags "-s -w $*" -o "$out.tmp" "$pkg") &&
    mv "$out.tmp" "$out"
}

_hapn_scratch_module() { # <dir> <name>
  mkdir -p "$1"
  [ -f "$1/go.mod" ] || (cd "$1" && go mod init "local/$2" >/dev/null 2>&1)
}

_hapn_build_pulumi() { # <bin dir>
  local src="$HAPN_TOOLS_DIR/src/pulumi-$HAPN_PULUMI_VERSION" v="$HAPN_PULUMI_VERSION"
  _hapn_say "building the Pulumi CLI $v from the Go module proxy (first time only; several minutes on 2 cores)"
  _hapn_scratch_module "$src" pulumi-cli
  (
    set -e
    cd "$src"
    # pkg's go.mod replaces the clipboard module with a fork; a scratch module has to say so itself.
    go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
    go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$v" "github.com/pulumi/pulumi/sdk/v3@$v"
  ) >&2 || return 1
  _hapn_go_build_in "$src" "$1/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
    "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$v" >&2 || return 1
  _hapn_say "built $("$1/pulumi" version)"
}

_hapn_build_yaml_host() { # <bin dir>
  local src="$HAPN_TOOLS_DIR/src/pulumi-yaml-$HAPN_YAML_VERSION"
  _hapn_say "building pulumi-language-yaml $HAPN_YAML_VERSION from the Go module proxy"
  _hapn_scratch_module "$src" pulumi-yaml
  (
    set -e
    cd "$src"
    printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"\n' >tools.go
    go get "github.com/pulumi/pulumi-yaml@$HAPN_YAML_VERSION"
    go mod tidy
  ) >&2 || return 1
  _hapn_go_build_in "$src" "$1/pulumi-language-yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml >&2 || return 1
  printf '%s\n' "$HAPN_YAML_VERSION" >"$1/.pulumi-language-yaml-version"
}

_hapn_need_toolchain_src() { # <script>
  [ -x "$HAPN_TOOLCHAIN_SRC/$1" ] && return 0
  _hapn_say "no $HAPN_TOOLCHAIN_SRC/$1: set HAPN_TOOLCHAIN_SRC to the folder with the upstream sources of the"
  _hapn_say "Node.js language host and the random plugin, or install the standard Pulumi CLI and set PULUMI_BIN"
  return 1
}

# The language hosts and the dynamic-provider shim beside our own CLI, where the engine looks for them.
_hapn_complete_own_cli() { # <bin dir>
  local bin="$1"
  if [ ! -x "$bin/pulumi-language-nodejs" ]; then
    _hapn_need_toolchain_src build-language-host.sh || return 1
    _hapn_say "building pulumi-language-nodejs from $HAPN_TOOLCHAIN_SRC"
    "$HAPN_TOOLCHAIN_SRC/build-language-host.sh" "$bin/pulumi-language-nodejs" >&2 || return 1
  fi
  _hapn_ensure_go_host "$bin" || return 1
  # A cache made before the version stamp, or at another version, gets the YAML host rebuilt.
  [ -x "$bin/pulumi-language-yaml" ] &&
    [ "$(cat "$bin/.pulumi-language-yaml-version" 2>/dev/null)" = "$HAPN_YAML_VERSION" ] ||
    _hapn_build_yaml_host "$bin" || return 1
  _hapn_write_provider_shim "$bin"
}

# The Go language host (for `runtime: go` programs, e.g. on a generated Go SDK). Only Go programs need it, so a
# toolchain source without it is a note, not an error; a build that fails is an error.
_hapn_ensure_go_host() { # <bin dir>
  [ -x "$1/pulumi-language-go" ] && return 0
  if [ ! -x "$HAPN_TOOLCHAIN_SRC/build-go-language-host.sh" ]; then
    _hapn_say "no $HAPN_TOOLCHAIN_SRC/build-go-language-host.sh: skipping pulumi-language-go (needed by Go programs only)"
    return 0
  fi
  _hapn_say "building pulumi-language-go from $HAPN_TOOLCHAIN_SRC (about 30 s with the CLI's module cache)"
  "$HAPN_TOOLCHAIN_SRC/build-go-language-host.sh" "$1/pulumi-language-go" >&2
}

# The random resource plugin, installed in a plugin folder of the toolchain's own (never in your ~/.pulumi). The
# tests and the demo link it into each run's Pulumi home; HAPN_PULUMI_PLUGINS points at it.
_hapn_ensure_random_plugin() { # <bin dir>
  local home="$HAPN_TOOLS_DIR/plugin-home" binary="$HAPN_TOOLS_DIR/bin/pulumi-resource-random-v$HAPN_RANDOM_VERSION"
  if [ ! -x "$home/plugins/resource-random-v$HAPN_RANDOM_VERSION/pulumi-resource-random" ]; then
    if [ ! -x "$binary" ]; then
      _hapn_need_toolchain_src build-random-provider.sh || return 1
      _hapn_say "building pulumi-resource-random $HAPN_RANDOM_VERSION from $HAPN_TOOLCHAIN_SRC (several minutes cold)"
      mkdir -p "$(dirname "$binary")"
      "$HAPN_TOOLCHAIN_SRC/build-random-provider.sh" "$binary" "$HAPN_RANDOM_VERSION" >&2 || return 1
    fi
    mkdir -p "$home"
    PULUMI_HOME="$home" PULUMI_SKIP_UPDATE_CHECK=true "$1/pulumi" plugin install resource random \
      "v$HAPN_RANDOM_VERSION" --file "$binary" >&2 || return 1
  fi
  export HAPN_PULUMI_PLUGINS="$home/plugins"
  _hapn_offer_plugin "$1" random "$HAPN_RANDOM_VERSION" "$binary"
}

# A plugin the toolchain built, installed in your own plugin cache ($PULUMI_HOME/plugins, default ~/.pulumi) when
# that version is not there yet: a CLI of our own build is on a machine that cannot download plugins, so a
# `pulumi up` run by hand would otherwise fail to download it. It is what you would run yourself
# (`pulumi plugin install resource NAME vVERSION --file …`); a version already there, yours, is left alone.
# The engine finds a plugin at a version only in that cache, so it cannot stay in the toolchain's folder.
_hapn_offer_plugin() { # <bin dir> <name> <version> <binary>
  local home="${PULUMI_HOME:-}" dir
  # The CLI's default Pulumi home is in the account's home directory from the user database, not $HOME.
  [ -n "$home" ] || home="$( (getent passwd "$(id -u)" 2>/dev/null || true) | cut -d: -f6)/.pulumi"
  [ "$home" != "/.pulumi" ] || home="$HOME/.pulumi"
  dir="$home/plugins/resource-$2-v$3"
  [ -x "$dir/pulumi-resource-$2" ] && [ ! -e "$dir.partial" ] && return 0
  _hapn_say "installing the $2 plugin v$3 it built into $home/plugins, for pulumi commands you run yourself"
  # The CLI's own idea of the Pulumi home decides where it goes (PULUMI_HOME as you set it, or its default).
  PULUMI_SKIP_UPDATE_CHECK=true "$1/pulumi" plugin install resource "$2" "v$3" --file "$4" >&2 ||
    _hapn_say "could not install it; run: pulumi plugin install resource $2 v$3 --file $4"
}

_hapn_ensure_pulumi() {
  local own="$HAPN_TOOLS_DIR/pulumi-$HAPN_PULUMI_VERSION/bin" bin
  if [ -n "${PULUMI_BIN:-}" ]; then
    bin=$(cd "$(dirname "$PULUMI_BIN")" && pwd)
  elif command -v pulumi >/dev/null 2>&1 && [ "$(command -v pulumi)" != "$own/pulumi" ] && pulumi version >/dev/null 2>&1; then
    bin=$(cd "$(dirname "$(command -v pulumi)")" && pwd)
  else
    bin="$own"
    mkdir -p "$bin"
    if [ ! -x "$bin/pulumi" ]; then
      command -v go >/dev/null 2>&1 || {
        _hapn_say "no Pulumi CLI and no Go toolchain: install Pulumi (https://www.pulumi.com/docs/install/) or set PULUMI_BIN"
        return 1
      }
      _hapn_build_pulumi "$bin" || { _hapn_say "building the Pulumi CLI failed (see above)"; return 1; }
    fi
    _hapn_complete_own_cli "$bin" || return 1
    _hapn_ensure_random_plugin "$bin" || return 1
  fi
  if [ ! -x "$bin/pulumi-resource-pulumi-nodejs" ] && ! command -v pulumi-resource-pulumi-nodejs >/dev/null 2>&1; then
    # A CLI folder that is not ours stays untouched: the shim goes on PATH instead.
    mkdir -p "$HAPN_TOOLS_DIR/shims"
    _hapn_write_provider_shim "$HAPN_TOOLS_DIR/shims"
    export PATH="$HAPN_TOOLS_DIR/shims:$PATH"
  fi
  case ":$PATH:" in *":$bin:"*) ;; *) export PATH="$bin:$PATH" ;; esac
}

_hapn_ensure_node && _hapn_ensure_pulumi
