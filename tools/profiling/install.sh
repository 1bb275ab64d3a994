#!/usr/bin/env bash
# Installs dotnet-trace (CPU profiles of a running peer, orderer or chaincode: see README "Performance") into
# .deps/tools, without touching the user's global tools. Idempotent: does nothing once the tool is there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEPS="${FABRICISH_DEPS:-$ROOT/.deps}"
DIR="$DEPS/tools"

if [[ -x $DIR/dotnet-trace ]]; then
  exit 0
fi
command -v dotnet >/dev/null 2>&1 || { echo 'tools/profiling/install.sh: dotnet is required' >&2; exit 1; }
printf '==> installing dotnet-trace into %s\n' "${DIR#"$ROOT"/}" >&2
dotnet tool install --tool-path "$DIR" dotnet-trace >/dev/null
