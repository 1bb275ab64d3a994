# ./fabricish up | down | status: the sample network as background processes that outlive the command.
# Sourced by ./fabricish, which provides ROOT, DEPS, log, die and ensure_built.
#
#   up     crypto -> ZooKeeper + 3 Kafka brokers -> 2 orderers -> per org a CouchDB-compatible server and a peer ->
#          channel genesis, orderer and peer joins -> lifecycle deploy of asset-transfer -> sample invoke and query
#   down   stops every component (SIGTERM to its process group, SIGKILL after a timeout); --clean deletes the files
#   status what runs, where, its pid and log
#   start|stop|restart NAME...  one component (or several) of a network up created, with the command line up uses
# Everything lives in the run folder (default ./.run): config/, crypto/, data/ (ledgers, Kafka logs, CouchDB
# databases), logs/<name>.log, pids/<name>.pid, network.env, network.json, connection-org*.json, org*.env.

NET_LIB="$ROOT/tools/network/lib"
# shellcheck source=tools/network/lib/layout.sh
source "$NET_LIB/layout.sh"
source "$NET_LIB/hosts.sh"
source "$NET_LIB/netfault.sh"
source "$NET_LIB/procs.sh"
source "$NET_LIB/health.sh"
source "$NET_LIB/infra.sh"
source "$NET_LIB/nodes.sh"
source "$NET_LIB/channel.sh"
source "$NET_LIB/profiles.sh"
source "$NET_LIB/deploy.sh"
source "$NET_LIB/report.sh"
source "$NET_LIB/control.sh"
source "$NET_LIB/demo.sh"

network_main() {
  local cmd="$1"
  shift
  net_parse "$cmd" "$@"
  case "$cmd" in
    up) network_up ;;
    down) network_down ;;
    status) network_status ;;
    start) network_start ;;
    stop) network_stop ;;
    restart) network_stop && network_start ;;
    net) network_net ;;
  esac
}

network_up() {
  local running stopped base couch
  if net_load; then
    running="$(net_running | xargs)"
    stopped="$(net_stopped | xargs)"
    if [[ -n $running && -z $stopped ]]; then
      echo "The network in $NET_RUN is already running."
      net_report
      return 0
    fi
    if [[ -n $running ]]; then
      log "the network in $NET_RUN is partly running: starting $stopped (running: $running)"
    fi
    if [[ $NET_ASKED_HOSTS != "$NET_HOSTS" && $NET_ASKED_HOSTS != loopback ]]; then
      log "resuming the network in $NET_RUN on the hosts it was created with (--hosts $NET_HOSTS; down --clean to change them)"
    fi
    if [[ -n $NET_BASE_PORT ]]; then
      log "resuming the network in $NET_RUN on the ports it was created with (--base-port ignored; down --clean to change them)"
    fi
    if [[ -n $NET_ASKED_BLOCK_SIZE && $NET_ASKED_BLOCK_SIZE != "$NET_BLOCK_SIZE" ]]; then
      log "resuming the network in $NET_RUN whose channel cuts blocks of $NET_BLOCK_SIZE (--block-size ignored; down --clean to change it)"
    fi
  else
    net_hosts_init
    # Each host has its own address, so in namespaces the default ports clash with nothing (auto means them too).
    if net_netns && [[ $NET_BASE_PORT == auto ]]; then NET_BASE_PORT=""; fi
    case "$NET_BASE_PORT" in
      "") net_default_ports ;;
      auto) base="$(net_auto_base)"; net_base_ports "$base" ;;
      *) net_base_ports "$NET_BASE_PORT" ;;
    esac
    net_state_db_layout
  fi
  if net_netns; then
    # Recorded before the hosts exist, so that down finds and removes them whatever happens next.
    mkdir -p "$NET_RUN"
    net_save
    log "hosts (network namespaces) ${NET_HOST_NAMES[*]} on $NET_SUBNET.0/24, bridge $(net_bridge)"
    net_hosts_up
  fi
  net_check_ports
  mkdir -p "$NET_RUN" "$NET_CONFIG" "$NET_ARTIFACTS" "$NET_DATA" "$NET_RUN/logs" "$NET_RUN/pids"

  net_build_all

  net_save
  # From here on a failure stops whatever this command started; logs stay for a look.
  trap 'net_up_failed' EXIT

  log "crypto material for OrdererMSP, Org1MSP and Org2MSP"
  net_crypto
  log "ZooKeeper and three Kafka brokers"
  net_start_infra
  log "channel $NET_CHANNEL: genesis block"
  net_genesis
  log "orderers orderer0, orderer1 and CouchDB-compatible servers: ${NET_COUCHES[*]:-none (state embedded in the peers)}"
  net_start_orderer orderer0
  net_start_orderer orderer1
  for couch in "${NET_COUCHES[@]}"; do net_start_couch "$couch"; done
  net_join_orderers
  for couch in "${NET_COUCHES[@]}"; do net_wait_component "$couch"; done
  net_package
  net_save
  log "chaincode service $NET_CHAINCODE ($NET_PACKAGE_ID) and peers peer0.org1, peer0.org2"
  net_start_chaincode "$NET_PACKAGE_ID"
  net_start_peer org1
  net_start_peer org2
  net_join_peers
  net_write_client_files
  if net_lifecycle_committed; then
    log "chaincode $NET_CHAINCODE_NAME is already committed on $NET_CHANNEL"
  else
    net_lifecycle_deploy
  fi
  net_network_json
  log "sample transaction"
  net_sample_transaction
  net_network_json
  trap - EXIT
  net_report
}

# A failed up (or start) stops what it started; components that already ran before it keep running.
net_up_failed() {
  local rc=$?
  trap - EXIT
  if ((rc != 0 && ${#NET_STARTED[@]})); then
    printf 'fabricish: stopping what this command started (%s); logs stay in %s/logs (./fabricish down%s --clean removes everything)\n' \
      "${NET_STARTED[*]}" "$NET_RUN" "$(net_run_arg)" >&2
    net_stop_all_of "${NET_STARTED[@]}"
  fi
  exit "$rc"
}

# What up and start run: the tools in .deps/ and the programs, rebuilt when their sources changed.
net_build_all() {
  log "installing what is missing into .deps/ and building"
  bash "$ROOT/tools/infra/install.sh" >/dev/null
  net_build Cli fabricish && NET_CLI_DLL="$BUILT_DLL"
  net_build Orderer fabricish-orderer && NET_ORDERER_DLL="$BUILT_DLL"
  net_build Peer fabricish-peer && NET_PEER_DLL="$BUILT_DLL"
  net_build samples/asset-transfer Fabricish.Samples.AssetTransfer Fabricish.Samples.AssetTransfer.csproj &&
    NET_CHAINCODE_DLL="$BUILT_DLL"
}

# ensure_built, unless FABRICISH_SKIP_BUILD=1 asks to run the programs already built (say while a change elsewhere
# does not compile).
net_build() {
  if [[ ${FABRICISH_SKIP_BUILD:-} == 1 ]]; then
    BUILT_DLL="$ROOT/$1/bin/Release/net10.0/$2.dll"
    [[ -f $BUILT_DLL ]] || die "FABRICISH_SKIP_BUILD=1 but $BUILT_DLL is not built"
  else
    ensure_built "$@"
  fi
}

# Another program on a port the network needs would make a component fail obscurely later. A running component's
# own ports are in use by it; [names...] limits the check to those components' ports.
net_check_ports() {
  local key component busy=()
  for key in "${NET_PORT_KEYS[@]}"; do
    component="${key%-admin}"
    component="${component%-ops}"
    if (($#)) && [[ -z $(net_among "$*" "$component") ]]; then continue; fi
    if net_alive "$component"; then continue; fi
    if net_port_in_use "${NET_PORTS[$key]}" "$(net_ip "$key")"; then busy+=("$key=${NET_PORTS[$key]}"); fi
  done
  if ((${#busy[@]})); then
    die "ports in use: ${busy[*]}; stop what listens there, or start a fresh network with --base-port N|auto and another --run-dir"
  fi
}

network_down() {
  if ! net_load; then
    echo "No network in $NET_RUN (no network.env): nothing to stop."
  else
    local running
    running="$(net_running | xargs)"
    # The sample services ./fabricish demo started go first, as the asset-transfer service goes before the peers.
    net_demo_stop
    if [[ -n $running ]]; then
      log "stopping $running"
      net_stop_all
    fi
    # Faults and hosts go with the processes: a later up starts from a clean network.
    net_fault_clear
    if net_netns; then
      net_hosts_down
      echo "Removed the network's namespaces and bridge $(net_bridge)."
    fi
    echo "The network in $NET_RUN is stopped."
  fi
  if ((NET_CLEAN)); then
    local entry
    for entry in "${NET_ENTRIES[@]}"; do rm -rf "${NET_RUN:?}/$entry"; done
    rmdir "$NET_RUN" 2>/dev/null || true
    echo "Removed the network's files from $NET_RUN."
  fi
}

network_status() {
  net_load || die "no network in $NET_RUN (no network.env); start one with ./fabricish up$(net_run_arg)"
  net_report
  [[ -z "$(net_stopped)" ]]
}
