# What runs and what to try next, printed by up (at the end, or when the network already runs) and by status.

# " --run-dir DIR" when the run folder is not the default, for commands to copy.
net_run_arg() {
  if [[ $NET_RUN != "$ROOT/.run" ]]; then printf ' --run-dir %q' "$NET_RUN"; fi
}

net_describe() {
  case "$1" in
    zookeeper) echo "ZooKeeper" ;;
    kafka*) echo "Kafka broker ${1#kafka} (0.9.0.1)" ;;
    orderer*) echo "orderer $1.example.com, admin/operations https://$(net_addr "$1-admin") (client certificate of the orderer org's TLS CA)" ;;
    couchdb0) echo "CouchDB API for peer0.org1 (pouchdb-server), admin in $(net_couch_credentials_file couchdb0)" ;;
    couchdb1) echo "CouchDB API for peer0.org2 (pouchdb-server), admin in $(net_couch_credentials_file couchdb1)" ;;
    peer*) echo "peer $1.example.com ($( [[ $1 == peer0.org1 ]] && echo Org1MSP || echo Org2MSP)), operations $(net_addr "$1-ops"), state $(net_state_db_describe "${1#peer0.}")" ;;
    "$NET_CHAINCODE") echo "asset-transfer chaincode service, package ${NET_PACKAGE_ID:-?}" ;;
  esac
}

net_state_db_describe() {
  if [[ $(net_org_state_db "$1") == embedded ]]; then echo "embedded (in its ledger folder)"; else echo "in CouchDB $(net_org_couch "$1")"; fi
}

net_report() {
  local name pid state cli rundir
  rundir="$(net_run_arg)"
  echo
  if net_netns; then
    printf 'Hosts: network namespaces on %s.0/24 (bridge %s, this machine %s); faults: ./fabricish net show%s\n' \
      "$NET_SUBNET" "$(net_bridge)" "$(net_host_ip client)" "$rundir"
    printf '%-16s %-21s %-8s %-19s %s\n' NAME ADDRESS PID HOST LOG
  else
    printf '%-16s %-21s %-8s %s\n' NAME ADDRESS PID LOG
  fi
  for name in "${NET_COMPONENTS[@]}"; do
    if pid="$(net_pid "$name")"; then state="$pid"; else state=stopped; fi
    if net_netns; then
      printf '%-16s %-21s %-8s %-19s %s\n' "$name" "$(net_addr "$name")" "$state" "$(net_ns_of "$name")" "$(net_log_file "$name")"
    else
      printf '%-16s %-21s %-8s %s\n' "$name" "$(net_addr "$name")" "$state" "$(net_log_file "$name")"
    fi
    printf '%-16s   %s\n' "" "$(net_describe "$name")"
  done
  cli="./fabricish cli"
  cat <<EOF

Channel $NET_CHANNEL, chaincode $NET_CHAINCODE_NAME (lifecycle definition, sequence 1, endorsement policy $NET_ENDORSEMENT_POLICY).
Connection profiles: $NET_RUN/connection-org1.json, $NET_RUN/connection-org2.json
Fabric CLI environment: source $NET_RUN/org1.env (or org2.env)

Next commands:
  $cli chaincode query --connection-profile $NET_RUN/connection-org1.json -C $NET_CHANNEL -n $NET_CHAINCODE_NAME -c '{"Args":["GetAllAssets"]}'
  $cli chaincode invoke --connection-profile $NET_RUN/connection-org1.json -C $NET_CHANNEL -n $NET_CHAINCODE_NAME -c '{"function":"CreateAsset","Args":["asset9","red","3","Ana","500"]}'
  source $NET_RUN/org1.env && $cli lifecycle chaincode querycommitted -C $NET_CHANNEL -n $NET_CHAINCODE_NAME
  source $NET_RUN/org1.env && $cli peer channel list && $cli peer channel getinfo -c $NET_CHANNEL
  source $NET_RUN/org1.env && $cli orderer list --orderer \$ORDERER_ADMIN_ADDRESS --ca-file \$ORDERER_CA --client-cert \$ORDERER_ADMIN_TLS_SIGN_CERT --client-key \$ORDERER_ADMIN_TLS_PRIVATE_KEY
  ./fabricish explorer$rundir --listen 127.0.0.1:8080   (then open http://127.0.0.1:8080/: channels, blocks, transactions, live tx/s)
  ./fabricish status$rundir
  ./fabricish down$rundir          (add --clean to delete ledgers, crypto material and logs)
EOF
}
