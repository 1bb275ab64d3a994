#!/usr/bin/env bash
# Installs a docker-compose that can validate compose/ on a machine without a container engine:
#   - `docker compose` (v2 plugin) when the machine has it: nothing to install;
#   - otherwise Debian's docker-compose 1.29.2 package and its Python dependencies, unpacked with dpkg -x into
#     .deps/compose (no root needed, nothing installed system-wide), run with Debian's /usr/bin/python3.
# Prints the command to run (one line, possibly two words). Idempotent.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEPS="${FABRICISH_DEPS:-$ROOT/.deps}"
DIR="$DEPS/compose"
BIN="$DIR/bin/docker-compose"
MARK="docker-compose 1.29.2 (Debian)"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'tools/network/install-compose.sh: %s\n' "$*" >&2; exit 1; }

if docker compose version >/dev/null 2>&1; then
  echo "docker compose"
  exit 0
fi
if [[ -x $BIN && "$(cat "$DIR/.installed" 2>/dev/null || true)" == "$MARK" ]]; then
  echo "$BIN"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "docker compose is not available and this is not a Debian machine: install docker-compose"
# The package's modules are built for Debian's interpreter, which other Pythons on PATH (pyenv...) are not.
if [[ ! -x /usr/bin/python3 ]]; then
  [[ "$(id -u)" == 0 ]] || die "/usr/bin/python3 (Debian's python3 package) is required"
  apt-get install -y -qq python3 >/dev/null
fi

# docker-compose and every Python package it needs, however deep; the interpreter itself is already there.
closure() {
  apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
    --no-pre-depends docker-compose 2>/dev/null | grep -E '^(docker-compose|python3-)' | sort -u || true
}
packages="$(closure)"
if [[ -z $packages ]]; then
  [[ "$(id -u)" == 0 ]] || die "apt knows no docker-compose package: run 'apt-get update' as root"
  log "updating apt's package lists"
  apt-get update -qq
  packages="$(closure)"
  [[ -n $packages ]] || die "apt knows no docker-compose package even after apt-get update"
fi

log "installing docker-compose (Debian package) into ${DIR#"$ROOT"/}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2086
(cd "$work" && apt-get download -qq $packages 2>/dev/null) || die "apt-get download failed for: $(echo $packages)"
rm -rf "$DIR"
mkdir -p "$DIR/bin" "$DIR/root"
for deb in "$work"/*.deb; do dpkg -x "$deb" "$DIR/root"; done
cat >"$BIN" <<'EOF'
#!/usr/bin/env bash
# docker-compose from Debian's package, unpacked beside this script by tools/network/install-compose.sh.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PYTHONPATH="$here/root/usr/lib/python3/dist-packages"
exec /usr/bin/python3 -s -W ignore::DeprecationWarning "$here/root/usr/bin/docker-compose" "$@"
EOF
chmod +x "$BIN"
"$BIN" version >/dev/null || die "the unpacked docker-compose does not run; see $DIR"
echo "$MARK" >"$DIR/.installed"
echo "$BIN"
