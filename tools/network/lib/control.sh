# ./fabricish start|stop|restart NAME...: one component of a network up created, started with the very command line
# up starts it with (the same functions), and waited for until it is ready as up waits for it.

# The names given, checked against the network's components; dies naming the valid ones.
net_named_components() {
  local name
  ((${#NET_NAMES[@]})) || die "name the component(s): ${NET_COMPONENTS[*]}"
  for name in "${NET_NAMES[@]}"; do
    [[ -n $(net_among "${NET_COMPONENTS[*]}" "$name") ]] || die "no component '$name' in the network; components: ${NET_COMPONENTS[*]}"
  done
}

network_stop() {
  net_load || die "no network in $NET_RUN (no network.env); start one with ./fabricish up$(net_run_arg)"
  net_named_components
  local name running=()
  for name in "${NET_NAMES[@]}"; do
    if net_alive "$name"; then running+=("$name"); else echo "$name is not running."; fi
  done
  ((${#running[@]})) || return 0
  log "stopping ${running[*]}"
  net_stop_all_of "${running[@]}"
  echo "Stopped ${running[*]}; ./fabricish start ${running[*]}$(net_run_arg) (or up) starts them again."
}

network_start() {
  net_load || die "no network in $NET_RUN (no network.env); start one with ./fabricish up$(net_run_arg)"
  net_named_components
  local name stopped=()
  for name in "${NET_NAMES[@]}"; do
    if net_alive "$name"; then echo "$name already runs (pid $(net_pid "$name"))."; else stopped+=("$name"); fi
  done
  ((${#stopped[@]})) || return 0
  # In up's order (infrastructure first), whatever order they were named in.
  mapfile -t stopped < <(net_among "${stopped[*]}" "${NET_COMPONENTS[@]}")
  net_hosts_up
  net_check_ports "${stopped[@]}"
  net_build_all
  trap 'net_up_failed' EXIT
  for name in "${stopped[@]}"; do
    log "starting $name"
    net_start_component "$name"
  done
  for name in "${stopped[@]}"; do net_wait_component "$name"; done
  trap - EXIT
  net_network_json
  echo "Started ${stopped[*]}."
}

net_start_component() {
  case "$1" in
    zookeeper) net_write_log4j && net_start_zookeeper ;;
    kafka[0-9]) net_write_log4j && net_start_kafka "${1#kafka}" ;;
    orderer*) net_start_orderer "$1" ;;
    couchdb*) net_start_couch "$1" ;;
    "$NET_CHAINCODE") net_start_chaincode "$NET_PACKAGE_ID" ;;
    peer0.*) net_start_peer "${1#peer0.}" ;;
    *) die "no way to start '$1'" ;;
  esac
}

# Ready as up waits for it: ZooKeeper answers, a broker registered, a node serves the channel and is healthy.
net_wait_component() {
  case "$1" in
    zookeeper) net_wait "ZooKeeper to answer ruok on $(net_addr zookeeper)" zookeeper -- net_zk_ok ;;
    kafka[0-9]) net_wait "Kafka broker ${1#kafka} to register in ZooKeeper" "$1" -- net_brokers_registered "${1#kafka}" ;;
    orderer*) net_wait_orderer "$1" ;;
    couchdb*) net_wait "$1 on $(net_addr "$1")" "$1" -- net_http_has "http://$(net_addr "$1")/" Welcome ;;
    "$NET_CHAINCODE") ;; # net_start_chaincode waits for it to listen
    peer0.*) net_wait_peer "${1#peer0.}" ;;
  esac
}
