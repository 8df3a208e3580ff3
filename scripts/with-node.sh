#!/usr/bin/env bash
# Runs a command with Node 22+ first on PATH (see toolchain.sh) and the project's bin folder.
set -e
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=./toolchain.sh
. "$here/toolchain.sh"
export PATH="$here/../node_modules/.bin:$PATH"
exec "$@"
