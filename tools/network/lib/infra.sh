# ZooKeeper, three Kafka 0.9 brokers (Fabric's Kafka-based ordering) and one CouchDB-compatible server per peer.

# Kafka's and ZooKeeper's main classes started with java directly: the distribution's scripts pass GC flags Java 17
# rejects. Small heaps, the serial collector and C1 only: the whole network shares two cores.
net_java_args() {
  local heap="$1"
  shift
  NET_JAVA=(java -Xms32m "-Xmx${heap}m" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData
    -Djava.awt.headless=true -Djava.net.preferIPv4Stack=true "-Dlog4j.configuration=file:$NET_CONFIG/log4j.properties"
    -cp "$KAFKA_HOME/libs/*" "$@")
}

# Runs one of Kafka's command-line tools in the foreground.
net_kafka_tool() {
  net_java_args 64 "$@"
  timeout 60 "${NET_JAVA[@]}"
}

net_write_log4j() {
  cp "$ROOT/tools/network/log4j.properties" "$NET_CONFIG/log4j.properties"
}

net_start_zookeeper() {
  mkdir -p "$NET_DATA/zookeeper"
  cat >"$NET_CONFIG/zoo.cfg" <<EOF
dataDir=$NET_DATA/zookeeper
clientPort=${NET_PORTS[zookeeper]}
clientPortAddress=$(net_ip zookeeper)
tickTime=2000
maxClientCnxns=0
autopurge.purgeInterval=1
EOF
  net_java_args 128 org.apache.zookeeper.server.quorum.QuorumPeerMain "$NET_CONFIG/zoo.cfg"
  net_start zookeeper "$NET_DATA/zookeeper" "${NET_JAVA[@]}"
}

# Broker settings after Fabric's advice for Kafka-based ordering: replication 3, min.insync.replicas 2, no unclean
# leader election, keep messages forever, messages as large as the channel's AbsoluteMaxBytes (10 MB in
# samples/network/channel.yaml) plus 1 MiB for Kafka's framing, as Fabric's Kafka guide asks. No automatic
# preferred-leader rebalancing: after a broker returns, moving the channel's leadership back to it stalled ordering for
# ~8 s minutes later, for no gain on a single-partition topic.
net_start_kafka() {
  local id="$1" name="kafka$1" props="$NET_CONFIG/kafka$1.properties"
  mkdir -p "$NET_DATA/$name"
  cat >"$props" <<EOF
broker.id=$id
listeners=PLAINTEXT://$(net_addr "$name")
log.dirs=$NET_DATA/$name
zookeeper.connect=$(net_addr zookeeper)
zookeeper.session.timeout.ms=6000
zookeeper.connection.timeout.ms=15000
auto.create.topics.enable=true
num.partitions=1
default.replication.factor=3
min.insync.replicas=2
unclean.leader.election.enable=false
auto.leader.rebalance.enable=false
delete.topic.enable=true
log.retention.ms=-1
message.max.bytes=11534336
replica.fetch.max.bytes=11534336
controlled.shutdown.enable=true
controlled.shutdown.max.retries=2
controlled.shutdown.retry.backoff.ms=500
replica.lag.time.max.ms=5000
replica.fetch.wait.max.ms=100
offsets.topic.num.partitions=1
offsets.topic.replication.factor=3
log.cleaner.dedupe.buffer.size=4194304
log.cleaner.threads=1
num.network.threads=2
num.io.threads=2
background.threads=2
num.recovery.threads.per.data.dir=1
num.replica.fetchers=1
EOF
  net_java_args 256 kafka.Kafka "$props"
  net_start "$name" "$NET_DATA/$name" "${NET_JAVA[@]}"
}

# The channel's topic, created as Fabric's documentation advises rather than left to auto-creation: one partition,
# three replicas, two of them in sync before a write counts.
net_create_topic() {
  local out
  out="$(net_kafka_tool kafka.admin.TopicCommand --zookeeper "$(net_addr zookeeper)" --list 2>&1)" ||
    net_fail "listing Kafka topics failed: $out" zookeeper
  if grep -qx "$NET_CHANNEL" <<<"$out"; then return 0; fi
  out="$(net_kafka_tool kafka.admin.TopicCommand --zookeeper "$(net_addr zookeeper)" --create \
    --topic "$NET_CHANNEL" --partitions 1 --replication-factor 3 --config min.insync.replicas=2 2>&1)"
  # TopicCommand exits 0 when it fails: success is read from what it prints.
  [[ $out == *"Created topic"* ]] || net_fail "creating the Kafka topic $NET_CHANNEL failed: $out" kafka0 kafka1 kafka2
}

net_start_infra() {
  local id
  net_write_log4j
  net_start_zookeeper
  net_wait "ZooKeeper to answer ruok on $(net_addr zookeeper)" zookeeper -- net_zk_ok
  # Started together: each JVM's start-up is mostly single-threaded, so the cores overlap them.
  for id in 0 1 2; do net_start_kafka "$id"; done
  net_wait "Kafka brokers 0, 1 and 2 to register in ZooKeeper" zookeeper kafka0 kafka1 kafka2 -- net_brokers_registered
  net_create_topic
  net_wait "Kafka topic $NET_CHANNEL to have a leader and 3 in-sync replicas" kafka0 kafka1 kafka2 -- net_topic_ready
}

# The admin of a CouchDB server, as couchdb:3's COUCHDB_USER and COUCHDB_PASSWORD: random per network and server, kept
# (owner-only) in the run folder so a resumed network and its peers use the same; down --clean deletes them.
net_couch_credentials_file() { echo "$NET_CONFIG/$1.credentials"; }

net_couch_credentials() {
  local file
  file="$(net_couch_credentials_file "$1")"
  if [[ ! -s $file ]]; then
    (
      umask 077
      printf '# Written by ./fabricish up: the admin of %s; its peer authenticates with it.\nCOUCHDB_USER=admin\nCOUCHDB_PASSWORD=%s\n' \
        "$1" "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$file.tmp"
      mv "$file.tmp" "$file"
    )
  fi
  chmod 600 "$file"
}

# net_couch_setting <couch> COUCHDB_USER|COUCHDB_PASSWORD
net_couch_setting() { sed -n "s/^$2=//p" "$(net_couch_credentials_file "$1")"; }

# pouchdb-server: CouchDB's HTTP API, databases on disk next to the peer's ledger, behind tools/infra/pouchdb-server-auth.js
# so that only its admin gets in (pouchdb-server alone serves anyone).
net_start_couch() {
  local name="$1" dir="$NET_DATA/$1"
  mkdir -p "$dir"
  net_couch_credentials "$name"
  net_start "$name" "$dir" node "$ROOT/tools/infra/pouchdb-server-auth.js" "$POUCH_BIN" \
    --credentials "$(net_couch_credentials_file "$name")" --host "$(net_ip "$name")" --port "${NET_PORTS[$name]}" --dir "$dir" \
    --config "$dir/config.json"
}
