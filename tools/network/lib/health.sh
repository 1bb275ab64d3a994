# Waiting for components to be ready, with errors that name the component and its log.

# net_fail <message> <component...>: prints the message, where each component logs and the end of each log, then dies.
net_fail() {
  local msg="$1" name log
  shift
  {
    printf 'fabricish up: %s\n' "$msg"
    for name in "$@"; do
      log="$(net_log_file "$name")"
      printf '  %s log: %s\n' "$name" "$log"
      if [[ -f $log ]]; then tail -n 8 "$log" | sed 's/^/    | /'; fi
    done
  } >&2
  exit 1
}

# net_wait <what> <component...> -- <check command...>: runs the check until it succeeds; fails when a component
# exits first or NET_TIMEOUT passes.
net_wait() {
  local what="$1" deadline name
  shift
  local -a names=()
  while [[ $1 != -- ]]; do names+=("$1"); shift; done
  shift
  deadline=$((SECONDS + NET_TIMEOUT))
  until "$@" >/dev/null 2>&1; do
    for name in "${names[@]}"; do
      net_alive "$name" || net_fail "$name exited while waiting for $what" "$name"
    done
    ((SECONDS < deadline)) || net_fail "timed out after ${NET_TIMEOUT}s waiting for $what" "${names[@]}"
    sleep 0.3
  done
}

net_http_ok() { curl -fs -m 5 -o /dev/null "$1"; }

# net_http_has <url> <text>: the body of a successful GET contains the text.
net_http_has() {
  local body
  body="$(curl -fs -m 5 "$1")" || return 1
  [[ $body == *"$2"* ]]
}

# net_orderer_admin_get <orderer> <path>: GET on the orderer's mutual-TLS admin listener as the orderer org's Admin.
net_orderer_admin_get() {
  curl -fs -m 5 --cacert "$(net_orderer_tls_ca)" --cert "$(net_orderer_admin_tls)/client.crt" \
    --key "$(net_orderer_admin_tls)/client.key" "https://$(net_addr "$1-admin")$2"
}

net_orderer_admin_ok() { net_orderer_admin_get "$@" >/dev/null; }

# net_orderer_channel_active <orderer>: the participation API reports the channel active.
net_orderer_channel_active() {
  local body
  body="$(net_orderer_admin_get "$1" "/participation/v1/channels/$NET_CHANNEL")" || return 1
  [[ $body == *'"status":"active"'* ]]
}

# net_tcp_open <component>: something accepts connections on its address.
net_tcp_open() { (exec 3<>"/dev/tcp/$(net_ip "$1")/${NET_PORTS[$1]}") 2>/dev/null; }

# One of ZooKeeper's four-letter words (ruok, dump, ...) and its answer.
net_zk_word() {
  (
    exec 3<>"/dev/tcp/$(net_ip zookeeper)/${NET_PORTS[zookeeper]}" || exit 1
    printf '%s' "$1" >&3
    timeout 5 cat <&3
  )
}

net_zk_ok() { [[ "$(net_zk_word ruok)" == imok ]]; }

# net_brokers_registered [id...]: each broker (default all three) holds its ephemeral registration node in ZooKeeper.
net_brokers_registered() {
  local dump id
  dump="$(net_zk_word dump)" || return 1
  (($#)) || set -- 0 1 2
  for id in "$@"; do
    grep -Eq "^[[:space:]]*/brokers/ids/$id[[:space:]]*$" <<<"$dump" || return 1
  done
}

# The channel's topic has a leader and all three replicas in sync, read with Kafka's own TopicCommand.
net_topic_ready() {
  local out
  out="$(net_kafka_tool kafka.admin.TopicCommand --zookeeper "$(net_addr zookeeper)" --describe --topic "$NET_CHANNEL" 2>&1)" || return 1
  grep -Eq "Leader: [0-9]+[[:space:]].*Isr: [0-9]+,[0-9]+,[0-9]+" <<<"$out"
}

# net_channel_status <url>: the "status" field of a participation/peer admin channel answer.
net_channel_active() { net_http_has "$1" '"status":"active"'; }
