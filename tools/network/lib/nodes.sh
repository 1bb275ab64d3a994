# The project's own programs: two orderer nodes, one peer per organization, the asset-transfer chaincode service.
# NET_ORDERER_DLL, NET_PEER_DLL, NET_CHAINCODE_DLL and NET_CLI_DLL are set by network_up after building.

# Shared by every .NET node: workstation GC keeps memory small on two shared cores; a 32 MiB gen0 budget
# (DOTNET_GCgen0size, hex; read only from the environment) instead of the cache-sized default makes gen0 collections
# rare: in the embedded transfer bench CPU per committed transaction fell from 3.35 to 2.93 ms (peers 1.00 -> 0.88) and
# throughput rose from 508 to 578 tx/s; 64 MiB measured no better. Dynamic PGO (the runtime's default, said here because
# it was once off to save start-up work) recompiles hot code with what it saw run: two embedded networks under the
# bench at once, warmed, 3 rounds: 3.13 -> 2.83 ms per committed transaction (peers -5 to -11 %), lower in every one. It
# costs a longer warm-up: a fresh network's first 60 s under load took 23 % more CPU per transaction than with PGO off
# (measured with a shorter call-counting delay beside it; the bench's warm-up is 15 s for this). DOTNET_TieredPGO=0 in
# the environment turns it off.
NET_DOTNET_ENV=(DOTNET_gcServer=0 DOTNET_GCgen0size=0x2000000 "DOTNET_TieredPGO=${DOTNET_TieredPGO:-1}" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  Logging__Console__IncludeScopes=false "Logging__Console__FormatterOptions__TimestampFormat=yyyy-MM-ddTHH:mm:ss.fff ")

net_kafka_brokers() { echo "$(net_addr kafka0),$(net_addr kafka1),$(net_addr kafka2)"; }
net_orderer_endpoints() { echo "$(net_addr orderer0),$(net_addr orderer1)"; }

# net_tls_env <Orderer|Peer> <tls folder> <roots setting>: the node's TLS settings when up runs with --tls.
net_tls_env() {
  ((${NET_TLS:-0})) || return 0
  printf '%s\n' "FABRICISH_$1__Tls__Enabled=true" "FABRICISH_$1__Tls__CertFile=$2/server.crt" \
    "FABRICISH_$1__Tls__KeyFile=$2/server.key" "FABRICISH_$1__Tls__$3=$2/ca.crt"
}

# net_admin_tls_env <tls folder>: the orderer's admin listener serves its node TLS pair and accepts only client
# certificates of the orderer org's TLS CA (Fabric's Admin.TLS), with or without --tls.
net_admin_tls_env() {
  printf '%s\n' "FABRICISH_Orderer__Admin__Tls__Enabled=true" "FABRICISH_Orderer__Admin__Tls__CertFile=$1/server.crt" \
    "FABRICISH_Orderer__Admin__Tls__KeyFile=$1/server.key" "FABRICISH_Orderer__Admin__Tls__RootCAs=$1/ca.crt" \
    "FABRICISH_Orderer__Admin__Tls__ClientAuthRequired=true" "FABRICISH_Orderer__Admin__Tls__ClientRootCAs=$(net_orderer_tls_ca)"
}

net_start_orderer() {
  local name="$1"
  local -a tls
  mapfile -t tls < <(net_tls_env Orderer "$(net_orderer_tls "$name")" RootCAs; net_admin_tls_env "$(net_orderer_tls "$name")")
  net_start "$name" "$NET_DATA/$name" env "${NET_DOTNET_ENV[@]}" "${tls[@]}" dotnet "$NET_ORDERER_DLL" \
    --listen "$(net_addr "$name")" --admin-listen "$(net_addr "$name-admin")" --data-dir "$NET_DATA/$name" \
    --msp-dir "$(net_orderer_msp "$name")" --msp-id OrdererMSP \
    --kafka-brokers "$(net_kafka_brokers)" --kafka-protocol Legacy09
}

# net_start_peer <org>: the peer of the org with its own CouchDB, or its state embedded (up --state-db). Peers of the other org are named for the gateway
# (besides the anchor peers of the channel configuration) so endorsements can be collected from both organizations.
net_start_peer() {
  local org="$1" name other couch
  name="$(net_org_peer "$org")"
  couch="$(net_org_couch "$org")"
  other=org2
  [[ $org == org1 ]] || other=org1
  local -a settings=(
    "FABRICISH_Peer__DeliverRetryMaxDelay=00:00:02"
    # The orderers here are Fabricish's, which take pings at any rate (Fabric's refuse them more often than every 60 s):
    # a stream silent for 5 s is pinged, and dropped when the answer is 5 s late, so a partitioned orderer is redialled
    # within seconds of the network healing instead of whenever TCP's retransmission backoff next tries.
    "FABRICISH_Peer__DeliverKeepAliveInterval=00:00:05"
    "FABRICISH_Peer__DeliverKeepAliveTimeout=00:00:05"
    "FABRICISH_Peer__Gateway__Peers__0__MspId=$(net_org_msp_id "$other")"
    "FABRICISH_Peer__Gateway__Peers__0__Address=$(net_addr "$(net_org_peer "$other")")"
  )
  if [[ $(net_org_state_db "$org") == embedded ]]; then
    settings+=("FABRICISH_Peer__StateDatabase=Embedded")
  else
    settings+=("FABRICISH_Peer__StateDatabase=CouchDB" "FABRICISH_Peer__CouchDbAddress=http://$(net_addr "$couch")/"
      "FABRICISH_Peer__CouchDbUsername=$(net_couch_setting "$couch" COUCHDB_USER)"
      "FABRICISH_Peer__CouchDbPassword=$(net_couch_setting "$couch" COUCHDB_PASSWORD)")
  fi
  mapfile -t -O "${#settings[@]}" settings < <(net_tls_env Peer "$(net_peer_tls "$org")" RootCertFile)
  net_start "$name" "$NET_DATA/$name" env "${NET_DOTNET_ENV[@]}" "${settings[@]}" dotnet "$NET_PEER_DLL" \
    --listen "$(net_addr "$name")" --operations-listen "$(net_addr "$name-ops")" --data-dir "$NET_DATA/$name" \
    --msp-dir "$(net_peer_msp "$org")" --msp-id "$(net_org_msp_id "$org")" --orderers "$(net_orderer_endpoints)"
}

# net_start_chaincode <package id>: chaincode as a service, as Fabric's ccaas images run it; both peers dial it.
net_start_chaincode() {
  net_start "$NET_CHAINCODE" "$NET_DATA/$NET_CHAINCODE" env "${NET_DOTNET_ENV[@]}" \
    "CHAINCODE_SERVER_ADDRESS=$(net_addr "$NET_CHAINCODE")" "CHAINCODE_ID=$1" dotnet "$NET_CHAINCODE_DLL"
  net_wait "the chaincode service to listen on $(net_addr "$NET_CHAINCODE")" "$NET_CHAINCODE" -- \
    net_tcp_open "$NET_CHAINCODE"
}

# The fabricish CLI, built once by up and run directly (no staleness check per call). A caller's Fabric environment
# (say a sourced org2.env) would override the connection profiles up passes, so it is left out.
net_cli() {
  env -u CORE_PEER_ADDRESS -u CORE_PEER_LOCALMSPID -u CORE_PEER_MSPCONFIGPATH -u CORE_PEER_TLS_ROOTCERT_FILE \
    -u CORE_PEER_TLS_ENABLED -u FABRICISH_CONNECTION_PROFILE dotnet "$NET_CLI_DLL" "$@"
}

# osnadmin's flags for the orderers' admin listeners: their TLS CA and the orderer org Admin's TLS client pair.
net_orderer_admin_flags() {
  printf '%s\n' --ca-file "$(net_orderer_tls_ca)" --client-cert "$(net_orderer_admin_tls)/client.crt" \
    --client-key "$(net_orderer_admin_tls)/client.key"
}

# net_cli_as <org> <user> args...: the CLI with Fabric's peer environment of a user of the org.
net_cli_as() {
  local org="$1" user="$2"
  shift 2
  local -a tls=(-u CORE_PEER_TLS_ROOTCERT_FILE)
  ((${NET_TLS:-0})) && tls=("CORE_PEER_TLS_ENABLED=true" "CORE_PEER_TLS_ROOTCERT_FILE=$(net_peer_tls "$org")/ca.crt")
  CORE_PEER_ADDRESS="$(net_addr "$(net_org_peer "$org")")" CORE_PEER_LOCALMSPID="$(net_org_msp_id "$org")" \
    CORE_PEER_MSPCONFIGPATH="$(net_user_msp "$org" "$user")" \
    env -u FABRICISH_CONNECTION_PROFILE "${tls[@]}" dotnet "$NET_CLI_DLL" "$@"
}
