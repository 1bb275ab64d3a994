#!/usr/bin/env bash
# Installs the browser the explorer's browser tests drive: Debian's chromium package, into the machine through apt
# (its dependency closure is a desktop's worth of libraries, which dpkg -x into .deps would have to chase through
# LD_LIBRARY_PATH; apt resolves it once). Playwright for .NET drives it through ExecutablePath and never downloads a
# browser of its own. Prints the executable's path. Idempotent: an installed chromium is left alone.
set -euo pipefail

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'tools/browser/install.sh: %s\n' "$*" >&2; exit 1; }

for candidate in "${FABRICISH_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [[ -n $candidate && -x $candidate ]]; then
    echo "$candidate"
    exit 0
  fi
done

command -v apt-get >/dev/null 2>&1 || die "chromium is missing and this is not a Debian machine: install chromium or set FABRICISH_CHROMIUM"
[[ "$(id -u)" == 0 ]] || die "chromium is missing: run 'sudo apt-get install chromium' (or set FABRICISH_CHROMIUM to a Chromium binary)"
log "installing Debian's chromium (for the explorer's browser tests)"
# A missing package list (fresh container) is the usual reason an install fails: update once and retry.
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 \
  || { apt-get update -qq >/dev/null 2>&1 || true; apt-get install -y -qq --no-install-recommends chromium >/dev/null; } \
  || die "apt-get install chromium failed"
[[ -x /usr/bin/chromium ]] || die "the chromium package installed no /usr/bin/chromium"
echo /usr/bin/chromium
