# ./fabricish net partition|heal|latency|show: network faults between the hosts of an up --hosts netns network.
#
# The machines' kernel (Firecracker, no modules) has no netem qdisc and no tc actions, but has netfilter with legacy
# iptables and NFQUEUE. So:
#   partition  iptables DROP rules in chain FXPART, hooked into INPUT of both hosts' namespaces: packets vanish on
#              arrival. Not in OUTPUT: a local DROP there fails the sender's send()/connect() with EPERM at once, which
#              is a fault of its own, not a partition. Processes keep running and TCP connections hang.
#   latency    chain FXDELAY in each namespace's OUTPUT sends packets to hosts of other organizations to NFQUEUE 0,
#              where that namespace's netdelay (tools/netfault/netdelay.c) accepts each one MS +- JITTER later, in
#              order; --queue-bypass lets packets through undelayed if the delayer is gone, so nothing hangs.
# iptables (xtables-legacy-multi) and netdelay come from tools/netfault/install.sh, into .deps/netfault. State (what
# show prints, what down clears) lives in <run>/netfault/: partitions (one "A B" a line), latency ("MS JITTER"),
# netdelay-<host>.pid; the delayers log to <run>/logs/netdelay-<host>.log.

NET_FAULT_BIN="$DEPS/netfault"

net_fault_dir() { echo "$NET_RUN/netfault"; }

# Organizations for latency: the orderer org runs the orderers and Kafka; the client (root namespace) is none.
net_host_org() { case "$1" in orderers | kafka) echo orderer ;; *) echo "$1" ;; esac; }

# net_iptables <namespace> args...: legacy iptables inside the namespace, with the libraries and extensions of
# .deps/netfault (none are installed system-wide); -w waits for another caller's xtables lock.
net_iptables() {
  local ns="$1" lib
  shift
  lib="$(dirname "$(find "$NET_FAULT_BIN/root" -name 'libxtables.so.12' -print -quit)")"
  ip netns exec "$ns" env LD_LIBRARY_PATH="$lib" XTABLES_LIBDIR="$lib/xtables" \
    "$NET_FAULT_BIN/root/usr/sbin/xtables-legacy-multi" iptables -w 5 "$@"
}

# Creates the FXPART and FXDELAY chains of a namespace and hooks them in once: FXPART first, so a dropped packet is
# not queued for delay (an accepted verdict skips the rest of the chain).
net_fault_chains() {
  local ns="$1"
  net_iptables "$ns" -N FXPART 2>/dev/null || true
  net_iptables "$ns" -N FXDELAY 2>/dev/null || true
  net_iptables "$ns" -C INPUT -j FXPART 2>/dev/null || net_iptables "$ns" -I INPUT 1 -j FXPART
  net_iptables "$ns" -C OUTPUT -j FXDELAY 2>/dev/null || net_iptables "$ns" -A OUTPUT -j FXDELAY
}

network_net() {
  net_load || die "no network in $NET_RUN (no network.env); start one with ./fabricish up --hosts netns$(net_run_arg)"
  net_netns || die "net: the network in $NET_RUN runs on loopback (127.0.0.1), where hosts cannot be cut apart; start one with ./fabricish up --hosts netns$(net_run_arg)"
  set -- "${NET_ARGS[@]}"
  local sub="${1:-}"
  (($#)) && shift
  case "$sub" in
    partition) net_partition "$@" ;;
    heal) (($# == 0)) || die "net heal takes no arguments"; net_heal ;;
    latency) net_latency "$@" ;;
    show) (($# == 0)) || die "net show takes no arguments"; net_show ;;
    *) die "net: unknown subcommand '${sub}'; use partition HOST_A HOST_B | heal | latency MS JITTER_MS | latency off | show (see ./fabricish help)" ;;
  esac
}

# net_check_host <name>: a host of the network, or client (the root namespace).
net_check_host() {
  [[ $1 == client || -n $(net_among "${NET_HOST_NAMES[*]}" "$1") ]] ||
    die "net: no host '$1'; hosts: ${NET_HOST_NAMES[*]} client"
}

# Drops, on arrival in each of the two hosts, everything from the other. With client (no rules in the root namespace)
# only what reaches the host is dropped, which is enough to hang TCP both ways.
net_partition() {
  (($# == 2)) || die "usage: ./fabricish net partition HOST_A HOST_B (hosts: ${NET_HOST_NAMES[*]} client)"
  local a="$1" b="$2" ns pair
  net_check_host "$a"
  net_check_host "$b"
  [[ $a != "$b" ]] || die "net partition: a host cannot be cut off from itself"
  net_hosts_up
  for pair in "$a $b" "$b $a"; do
    set -- $pair
    [[ $1 != client ]] || continue
    ns="$(net_host_ns "$1")"
    net_fault_chains "$ns"
    net_iptables "$ns" -C FXPART -s "$(net_host_ip "$2")" -j DROP 2>/dev/null ||
      net_iptables "$ns" -A FXPART -s "$(net_host_ip "$2")" -j DROP
  done
  mkdir -p "$(net_fault_dir)"
  grep -qxF "$a $b" "$(net_fault_dir)/partitions" 2>/dev/null || echo "$a $b" >>"$(net_fault_dir)/partitions"
  echo "Partitioned $a ($(net_host_ip "$a")) from $b ($(net_host_ip "$b")): packets between them are dropped; ./fabricish net heal$(net_run_arg) removes it."
}

net_heal() {
  local host ns
  for host in "${NET_HOST_NAMES[@]}"; do
    ns="$(net_host_ns "$host")"
    if ip netns exec "$ns" true 2>/dev/null; then net_iptables "$ns" -F FXPART 2>/dev/null || true; fi
  done
  rm -f "$(net_fault_dir)/partitions"
  echo "Healed: no partition between hosts."
}

net_latency() {
  if [[ ${1:-} == off && $# == 1 ]]; then
    net_latency_off
    echo "Latency removed."
    return 0
  fi
  (($# == 2)) && [[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ ]] ||
    die "usage: ./fabricish net latency MS JITTER_MS | off (e.g. net latency 50 10)"
  (($2 <= $1)) || die "net latency: the jitter ($2 ms) must not exceed the delay ($1 ms)"
  net_hosts_up
  net_latency_off
  local host other ns
  for host in "${NET_HOST_NAMES[@]}"; do
    ns="$(net_host_ns "$host")"
    net_fault_chains "$ns"
    net_start_delayer "$host" "$1" "$2"
    for other in "${NET_HOST_NAMES[@]}"; do
      [[ $(net_host_org "$other") != "$(net_host_org "$host")" ]] || continue
      net_iptables "$ns" -A FXDELAY -d "$(net_host_ip "$other")" -j NFQUEUE --queue-num 0 --queue-bypass
    done
  done
  echo "$1 $2" >"$(net_fault_dir)/latency"
  echo "Latency $1 ms +- $2 ms one way between hosts of different organizations (orderer org: orderers, kafka; org1; org2; chaincode)."
}

net_delayer_pid_file() { echo "$(net_fault_dir)/netdelay-$1.pid"; }

# net_start_delayer <host> <ms> <jitter>: netdelay bound to NFQUEUE 0 in the host's namespace, in its own session.
net_start_delayer() {
  local host="$1" pid log
  mkdir -p "$(net_fault_dir)" "$NET_RUN/logs"
  log="$NET_RUN/logs/netdelay-$host.log"
  (exec setsid nohup ip netns exec "$(net_host_ns "$host")" "$NET_FAULT_BIN/bin/netdelay" 0 "$2" "$3" >>"$log" 2>&1 </dev/null) &
  pid=$!
  echo "$pid $(net_start_time "$pid")" >"$(net_delayer_pid_file "$host")"
  sleep 0.2
  net_delayer_alive "$host" || die "netdelay in $(net_host_ns "$host") exited at once; see $log"
}

net_delayer_pid() {
  local pid started
  read -r pid started 2>/dev/null <"$(net_delayer_pid_file "$1")" || return 1
  [[ -n ${pid:-} && $(net_start_time "$pid" 2>/dev/null) == "$started" ]] || return 1
  echo "$pid"
}

net_delayer_alive() { net_delayer_pid "$1" >/dev/null; }

# Removes the queue rules first (packets flow undelayed), then stops the delayers (each accepts what it holds).
net_latency_off() {
  local host ns pid i
  for host in "${NET_HOST_NAMES[@]}"; do
    ns="$(net_host_ns "$host")"
    if ip netns exec "$ns" true 2>/dev/null; then net_iptables "$ns" -F FXDELAY 2>/dev/null || true; fi
  done
  for host in "${NET_HOST_NAMES[@]}"; do
    if pid="$(net_delayer_pid "$host")"; then
      kill -TERM "$pid" 2>/dev/null || true
      for i in $(seq 1 20); do net_delayer_alive "$host" || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$(net_delayer_pid_file "$host")"
  done
  rm -f "$(net_fault_dir)/latency"
}

# What down calls: no delayer outlives the network, no fault survives into the next up.
net_fault_clear() {
  net_netns || return 0
  net_latency_off
  rm -rf "$(net_fault_dir)"
}

# net_rtt <from host> <ip> <port>: median TCP connect round trip in ms over 5 connects from inside the host (a refused
# connect is a round trip too), or "timeout" when a connect did not finish within 2 s (a partition).
net_rtt() {
  local ns out i
  local -a samples=()
  ns="$(net_host_ns "$1")"
  for i in 1 2 3 4 5; do
    # A connect that hangs means a partition: the next ones would hang as long.
    out="$(ip netns exec "$ns" timeout 2 bash -c 't0=${EPOCHREALTIME//[!0-9]/}; { exec 3<>"/dev/tcp/$0/$1"; } 2>/dev/null
      t1=${EPOCHREALTIME//[!0-9]/}; echo $((t1 - t0))' "$2" "$3" 2>/dev/null)" || break
    samples+=("$out")
  done
  if ((${#samples[@]} == 0)); then echo timeout; return 0; fi
  out="$(printf '%s\n' "${samples[@]}" | sort -n | sed -n "$(((${#samples[@]} + 1) / 2))p")"
  printf '%d.%d ms\n' $((out / 1000)) $((out % 1000 / 100))
}

net_show() {
  local host latency pair up
  echo "Hosts of the network in $NET_RUN (bridge $(net_bridge), client $(net_host_ip client)):"
  for host in "${NET_HOST_NAMES[@]}"; do
    up=missing
    if ip netns exec "$(net_host_ns "$host")" true 2>/dev/null; then up=up; fi
    printf '  %-10s %-14s %-18s %s\n' "$host" "$(net_host_ip "$host")" "$(net_host_ns "$host")" "$up"
  done
  if [[ -s $(net_fault_dir)/partitions ]]; then
    while read -r pair; do echo "partition: ${pair/ / <-> }"; done <"$(net_fault_dir)/partitions"
  else
    echo "partitions: none"
  fi
  if [[ -s $(net_fault_dir)/latency ]]; then
    read -r -a latency <"$(net_fault_dir)/latency"
    local delayers=0
    for host in "${NET_HOST_NAMES[@]}"; do if net_delayer_alive "$host"; then delayers=$((delayers + 1)); fi; done
    echo "latency: ${latency[0]} ms +- ${latency[1]} ms one way between organizations ($delayers of ${#NET_HOST_NAMES[@]} delayers running)"
  else
    echo "latency: none"
  fi
  echo "rtt org1->orderers: $(net_rtt org1 "$(net_host_ip orderers)" "${NET_PORTS[orderer0]}") (TCP connect to orderer0 $(net_addr orderer0), median of 5)"
  echo "rtt org2->orderers: $(net_rtt org2 "$(net_host_ip orderers)" "${NET_PORTS[orderer0]}") (TCP connect to orderer0 $(net_addr orderer0), median of 5)"
  echo "rtt org1->client: $(net_rtt org1 "$(net_host_ip client)" "${NET_PORTS[orderer0]}") (TCP connect to $(net_host_ip client):${NET_PORTS[orderer0]}, median of 5)"
}
