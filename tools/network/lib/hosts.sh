# Where the components run: --hosts loopback (default: every component on 127.0.0.1 of this machine) or --hosts netns
# (each group of components is a "host": a Linux network namespace with its own IPv4 address on a bridge, so network
# faults between hosts can be injected with ./fabricish net, see netfault.sh).
#
#   host       components                  address (NET_SUBNET.N)
#   kafka      zookeeper, kafka0..2        .2
#   orderers   orderer0, orderer1          .3
#   org1       peer0.org1, couchdb0        .4
#   org2       peer0.org2, couchdb1        .5
#   chaincode  chaincode-basic             .6
#   (root)     the CLI, bench and tests    .1, the bridge's own address: it reaches every host directly
#
# Names are derived from the run folder (so a test network and a user's network coexist): namespaces fx<id>-<host>,
# bridge fxb<id>, host-side veths fx<id><letter> (Linux caps interface names at 15 characters); the namespace side of
# each veth is eth0. Recorded in network.env (NET_HOSTS, NET_NETNS_ID, NET_SUBNET).

NET_HOST_NAMES=(kafka orderers org1 org2 chaincode)

# net_netns: the network runs in namespaces.
net_netns() { [[ ${NET_HOSTS:-loopback} == netns ]]; }

# net_host_of <component or port key>: the host a component (or one of its listeners, orderer0-admin) runs on.
net_host_of() {
  case "$1" in
    zookeeper | kafka*) echo kafka ;;
    orderer*) echo orderers ;;
    peer0.org1* | couchdb0) echo org1 ;;
    peer0.org2* | couchdb1) echo org2 ;;
    chaincode*) echo chaincode ;;
    *) die "no host for '$1'" ;;
  esac
}

# The last byte of a host's address; 1 is the root namespace's (the bridge's).
net_host_index() {
  case "$1" in
    kafka) echo 2 ;; orderers) echo 3 ;; org1) echo 4 ;; org2) echo 5 ;; chaincode) echo 6 ;; root | client) echo 1 ;;
    *) die "no host '$1'; hosts: ${NET_HOST_NAMES[*]}" ;;
  esac
}

net_host_ip() { echo "$NET_SUBNET.$(net_host_index "$1")"; }
net_host_ns() { echo "fx$NET_NETNS_ID-$1"; }
net_host_veth() { echo "fx$NET_NETNS_ID${1:0:1}${1: -1}"; }
net_bridge() { echo "fxb$NET_NETNS_ID"; }

# net_ip <component or port key>: the address it listens on; 127.0.0.1 unless the network runs in namespaces.
net_ip() {
  if net_netns; then net_host_ip "$(net_host_of "$1")"; else echo 127.0.0.1; fi
}

# net_ns_of <component>: its namespace, or nothing on loopback.
net_ns_of() { if net_netns; then net_host_ns "$(net_host_of "$1")"; fi; }

# The namespace id: 6 hex digits of the run folder's path, so every run folder gets its own names.
net_netns_id() { printf '%s' "$NET_RUN" | sha256sum | cut -c1-6; }

# A 10.x.y.0/24 no route or address of this machine already covers (another network's bridge, a VPN), as 10.x.y;
# the first guess is derived from the id so the same folder tends to get the same subnet.
net_pick_subnet() {
  local routes x y try
  routes="$(ip -4 route show; ip -4 addr show)"
  x=$((16#${NET_NETNS_ID:0:2} % 150 + 100))
  y=$((16#${NET_NETNS_ID:2:2}))
  for try in $(seq 1 200); do
    if ! grep -Eq "(^|[^0-9.])10\.$x\.$y\.[0-9]+" <<<"$routes" && ! grep -Eq "(^|[^0-9.])10\.$x\.0\.0/16|(^|[^0-9.])10\.0\.0\.0/8" <<<"$routes"; then
      echo "10.$x.$y"
      return 0
    fi
    y=$(((y + 1) % 256))
    if ((y == 0)); then x=$((x + 1 > 249 ? 100 : x + 1)); fi
  done
  die "no free 10.x.y.0/24 subnet found for the network's bridge"
}

# --hosts netns needs root and a working ip netns: checked before anything is created, with what to do instead.
net_require_netns() {
  [[ $(id -u) == 0 ]] || die "--hosts netns needs root (network namespaces, veth pairs and a bridge); run as root or use --hosts loopback"
  command -v ip >/dev/null 2>&1 || die "--hosts netns needs the ip command (iproute2)"
  ip netns list >/dev/null 2>&1 || die "--hosts netns needs a working 'ip netns' (network namespaces); use --hosts loopback"
}

# Chooses the namespace names and subnet of a new netns network (kept in network.env afterwards).
net_hosts_init() {
  net_netns || return 0
  net_require_netns
  NET_NETNS_ID="$(net_netns_id)"
  NET_SUBNET="$(net_pick_subnet)"
}

# Creates whatever of the bridge, namespaces and veths is missing; idempotent, so up and start on a stopped network
# (or after a reboot) re-create them. Each namespace gets lo up (components on one host also reach each other over
# its own address, which the kernel routes through lo).
net_hosts_up() {
  net_netns || return 0
  net_require_netns
  bash "$ROOT/tools/netfault/install.sh" || die "installing iptables and netdelay into .deps/netfault failed"
  local br host ns veth
  br="$(net_bridge)"
  if ! ip link show "$br" >/dev/null 2>&1; then
    ip link add "$br" type bridge || die "creating the bridge $br failed"
  fi
  ip addr replace "$NET_SUBNET.1/24" dev "$br"
  ip link set "$br" up
  for host in "${NET_HOST_NAMES[@]}"; do
    ns="$(net_host_ns "$host")"
    veth="$(net_host_veth "$host")"
    if ! ip netns exec "$ns" true 2>/dev/null; then
      ip netns del "$ns" 2>/dev/null || true
      ip netns add "$ns" || die "creating the network namespace $ns failed"
    fi
    ip -n "$ns" link set lo up
    if ! ip -n "$ns" link show eth0 >/dev/null 2>&1; then
      ip link del "$veth" 2>/dev/null || true
      ip link add "$veth" type veth peer name eth0 netns "$ns" || die "creating the veth pair $veth for $ns failed"
    fi
    ip link set "$veth" master "$br"
    ip link set "$veth" up
    ip -n "$ns" addr replace "$(net_host_ip "$host")/24" dev eth0
    ip -n "$ns" link set eth0 up
  done
}

# Removes the namespaces (their veths go with them), any veth left over and the bridge. Components must be stopped
# first: a namespace holding a live process outlives its name.
net_hosts_down() {
  net_netns || return 0
  [[ -n ${NET_NETNS_ID:-} ]] || return 0
  local host
  for host in "${NET_HOST_NAMES[@]}"; do
    ip netns del "$(net_host_ns "$host")" 2>/dev/null || true
    ip link del "$(net_host_veth "$host")" 2>/dev/null || true
  done
  ip link del "$(net_bridge)" 2>/dev/null || true
}

# The settings network.env records for a netns network (a loopback network's file stays as it always was).
net_hosts_save() {
  if net_netns; then
    echo "NET_HOSTS=netns"
    echo "NET_NETNS_ID=$NET_NETNS_ID"
    echo "NET_SUBNET=$NET_SUBNET"
    printf 'NET_NETNS_NAMES="'
    local host sep=""
    for host in "${NET_HOST_NAMES[@]}"; do printf '%s%s' "$sep" "$(net_host_ns "$host")"; sep=" "; done
    printf '"\nNET_BRIDGE=%s\n' "$(net_bridge)"
  fi
}
