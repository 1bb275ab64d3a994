# What clients need to connect without reading our code: Fabric common connection profiles (connection-org1.json,
# connection-org2.json), a sourceable environment file per org with Fabric's CORE_PEER_* variables, and network.json
# describing every component for tools and tests.

net_cert_file() { echo "$1/signcerts/$(basename "$(dirname "$1")")-cert.pem"; }

# net_connection_profile <org>: the org's User1 identity, its peer's gateway address and the ordering service.
net_connection_profile() {
  local org="$1" Org msp peer user scheme=grpc peer_ca="" orderer0_ca="" orderer1_ca=""
  Org="${org^}"
  if ((${NET_TLS:-0})); then
    scheme=grpcs
    peer_ca=", \"tlsCACerts\": { \"path\": \"$(net_peer_tls "$org")/ca.crt\" }"
    orderer0_ca=", \"tlsCACerts\": { \"path\": \"$(net_orderer_tls orderer0)/ca.crt\" }"
    orderer1_ca=", \"tlsCACerts\": { \"path\": \"$(net_orderer_tls orderer1)/ca.crt\" }"
  fi
  msp="$(net_org_msp_id "$org")"
  peer="peer0.$org.example.com"
  user="$(net_user_msp "$org" User1)"
  cat >"$NET_RUN/connection-$org.json" <<EOF
{
  "name": "fabricish-$org",
  "version": "1.0.0",
  "client": { "organization": "$Org" },
  "organizations": {
    "$Org": {
      "mspid": "$msp",
      "peers": ["$peer"],
      "signedCert": { "path": "$(net_cert_file "$user")" },
      "adminPrivateKey": { "path": "$user/keystore/priv_sk" }
    }
  },
  "peers": {
    "$peer": {
      "url": "$scheme://$(net_addr "$(net_org_peer "$org")")",
      "grpcOptions": { "ssl-target-name-override": "$peer" }$peer_ca
    }
  },
  "orderers": {
    "orderer0.example.com": { "url": "$scheme://$(net_addr orderer0)"$orderer0_ca },
    "orderer1.example.com": { "url": "$scheme://$(net_addr orderer1)"$orderer1_ca }
  }
}
EOF
}

# net_env_file_for <org>: `source .run/org1.env` makes the CLI act as the org's admin, like Fabric's test network.
net_org_env() {
  local org="$1"
  cat >"$NET_RUN/$org.env" <<EOF
# source this file to act as $(net_org_msp_id "$org")'s admin with ./fabricish cli (Fabric's peer CLI variables)
$(if ((${NET_TLS:-0})); then
    printf 'export CORE_PEER_TLS_ENABLED=true\nexport CORE_PEER_TLS_ROOTCERT_FILE=%s\n' "$(net_peer_tls "$org")/ca.crt"
  else
    echo "export CORE_PEER_TLS_ENABLED=false"
  fi)
export CORE_PEER_LOCALMSPID=$(net_org_msp_id "$org")
export CORE_PEER_ADDRESS=$(net_addr "$(net_org_peer "$org")")
export CORE_PEER_MSPCONFIGPATH=$(net_user_msp "$org" Admin)
export FABRICISH_PEER_OPERATIONS_ADDRESS=$(net_addr "$(net_org_peer "$org")-ops")
export ORDERER_ADDRESS=$(net_addr orderer0)
export ORDERER_ADMIN_ADDRESS=$(net_addr orderer0-admin)
# The orderers' admin listeners are mutual TLS (Fabric test network's names): osnadmin-style commands take
# --ca-file "\$ORDERER_CA" --client-cert "\$ORDERER_ADMIN_TLS_SIGN_CERT" --client-key "\$ORDERER_ADMIN_TLS_PRIVATE_KEY"
export ORDERER_CA=$(net_orderer_tls_ca)
export ORDERER_ADMIN_TLS_SIGN_CERT=$(net_orderer_admin_tls)/client.crt
export ORDERER_ADMIN_TLS_PRIVATE_KEY=$(net_orderer_admin_tls)/client.key
export CHANNEL_NAME=$NET_CHANNEL
EOF
}

# One object per component: name, address(es), pid and log; plus the channel and the clients' files.
net_network_json() {
  local name first=1 pid sample=""
  # start/restart of one component runs no sample transaction: the one up ran stays on record.
  if [[ -n ${NET_SAMPLE_TXID:-} ]]; then
    sample="$(printf '  "sampleTransaction": {"function": "CreateAsset", "asset": "%s", "txid": "%s", "block": %s},' \
      "$NET_SAMPLE_ASSET" "$NET_SAMPLE_TXID" "$NET_SAMPLE_BLOCK")"
  elif [[ -f $NET_RUN/network.json ]]; then
    sample="$(grep -m1 '^  "sampleTransaction": ' "$NET_RUN/network.json" || true)"
  fi
  {
    printf '{\n  "channel": "%s",\n  "chaincode": "%s",\n  "packageId": "%s",\n' \
      "$NET_CHANNEL" "$NET_CHAINCODE_NAME" "${NET_PACKAGE_ID:-}"
    printf '  "runDir": "%s",\n  "cryptoDir": "%s",\n  "blockSize": %s,\n' "$NET_RUN" "$NET_CRYPTO" "${NET_BLOCK_SIZE:-10}"
    if [[ -n $sample ]]; then printf '%s\n' "$sample"; fi
    printf '  "orgs": {\n'
    printf '    "Org1": {"mspId": "Org1MSP", "peer": "peer0.org1", "stateDatabase": "%s", "connectionProfile": "%s", "envFile": "%s", "adminMsp": "%s", "userMsp": "%s"},\n' \
      "$(net_org_state_db org1)" "$NET_RUN/connection-org1.json" "$NET_RUN/org1.env" "$(net_user_msp org1 Admin)" "$(net_user_msp org1 User1)"
    printf '    "Org2": {"mspId": "Org2MSP", "peer": "peer0.org2", "stateDatabase": "%s", "connectionProfile": "%s", "envFile": "%s", "adminMsp": "%s", "userMsp": "%s"}\n  },\n' \
      "$(net_org_state_db org2)" "$NET_RUN/connection-org2.json" "$NET_RUN/org2.env" "$(net_user_msp org2 Admin)" "$(net_user_msp org2 User1)"
    if net_netns; then
      printf '  "hosts": {"subnet": "%s.0/24", "bridge": "%s", "client": "%s"' "$NET_SUBNET" "$(net_bridge)" "$(net_host_ip client)"
      for name in "${NET_HOST_NAMES[@]}"; do printf ', "%s": {"netns": "%s", "ip": "%s"}' "$name" "$(net_host_ns "$name")" "$(net_host_ip "$name")"; done
      printf '},\n'
    fi
    printf '  "components": [\n'
    for name in "${NET_COMPONENTS[@]}"; do
      pid="$(net_pid "$name" || echo 0)"
      ((first)) || printf ',\n'
      first=0
      printf '    {"name": "%s", "address": "%s", "secondaryAddress": "%s", "pid": %s, "log": "%s"' \
        "$name" "$(net_addr "$name")" "$(net_secondary_addr "$name")" "$pid" "$(net_log_file "$name")"
      # With --hosts netns: the namespace it runs in (ip netns exec HOST ... reaches it).
      if net_netns; then printf ', "host": "%s"' "$(net_ns_of "$name")"; fi
      printf '}'
    done
    printf '\n  ]\n}\n'
  } >"$NET_RUN/network.json"
}

# The admin/operations address of a node, if it has one.
net_secondary_addr() {
  case "$1" in
    orderer*) net_addr "$1-admin" ;;
    peer*) net_addr "$1-ops" ;;
    *) echo "" ;;
  esac
}

net_write_client_files() {
  local org
  for org in org1 org2; do
    net_connection_profile "$org"
    net_org_env "$org"
  done
}
