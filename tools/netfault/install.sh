#!/usr/bin/env bash
# Installs what ./fabricish net and up --hosts netns need into .deps/netfault, without touching the system:
#   iptables (legacy, via xtables-legacy-multi) and its libraries, from Debian's packages (apt-get download + dpkg -x),
#   and netdelay (tools/netfault/netdelay.c) compiled with the machine's gcc against libnetfilter_queue.
# The machines' kernel has no netem qdisc, so latency is an NFQUEUE delayer and partitions are iptables DROP rules.
# Idempotent: a stamp (hash of the package list, the delayer's source and this script) skips everything on later
# runs; CI on a fresh clone installs once.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEPS="${FABRICISH_DEPS:-$ROOT/.deps}"
DIR="$DEPS/netfault"
# iptables' full dependency closure (whatever the system already has, so the folder works on a bare machine too), and
# the headers and libraries netdelay links against.
PKGS=(iptables libxtables12 libip4tc2 libip6tc2 libnetfilter-conntrack3 libnfnetlink0 libmnl0 libnftnl11
  libnetfilter-queue1 libnetfilter-queue-dev libnfnetlink-dev)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'tools/netfault/install.sh: %s\n' "$*" >&2; exit 1; }

want="$(printf '%s\n' "${PKGS[@]}" | cat - "$ROOT/tools/netfault/netdelay.c" "$ROOT/tools/netfault/install.sh" | sha256sum | cut -d' ' -f1)"
if [[ "$(cat "$DIR/.installed" 2>/dev/null || true)" == "$want" && -x $DIR/bin/netdelay && -x $DIR/root/usr/sbin/xtables-legacy-multi ]]; then
  exit 0
fi
command -v apt-get >/dev/null 2>&1 || die "apt-get is required to download iptables and libnetfilter-queue (Debian/Ubuntu)"
command -v dpkg >/dev/null 2>&1 || die "dpkg is required to unpack the downloaded packages"
command -v gcc >/dev/null 2>&1 || die "gcc is required to compile tools/netfault/netdelay.c"

log "installing iptables and netdelay into ${DIR#"$ROOT"/}"
mkdir -p "$DIR/debs" "$DIR/root" "$DIR/bin"
(
  cd "$DIR/debs"
  # A missing package list (fresh container) is the usual reason a download fails: update once and retry.
  apt-get download "${PKGS[@]}" >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 || true; apt-get download "${PKGS[@]}" >/dev/null; }
) || die "apt-get download ${PKGS[*]} failed"
for deb in "$DIR"/debs/*.deb; do dpkg -x "$deb" "$DIR/root"; done

libdir="$(dirname "$(find "$DIR/root" -name 'libnetfilter_queue.so.1*' -print -quit)")"
incdir="$DIR/root/usr/include"
# -L and an RPATH to the unpacked libraries, relative to the binary ($ORIGIN: .deps may be shared by several checkouts)
# and RPATH rather than RUNPATH, which would not serve libnetfilter_queue's own dependency libnfnetlink.
rpath="\$ORIGIN/$(realpath --relative-to="$DIR/bin" "$libdir")"
gcc -O2 -Wall -Wextra -Werror -o "$DIR/bin/netdelay.tmp" "$ROOT/tools/netfault/netdelay.c" -I"$incdir" \
  -L"$libdir" -Wl,--disable-new-dtags,-rpath,"$rpath" -lnetfilter_queue -lnfnetlink || die "compiling netdelay failed"
mv "$DIR/bin/netdelay.tmp" "$DIR/bin/netdelay"
[[ -x $DIR/root/usr/sbin/xtables-legacy-multi ]] || die "xtables-legacy-multi missing from the iptables package"
echo "$want" >"$DIR/.installed"
