# Deploying the asset-transfer chaincode with AND('Org1MSP.peer','Org2MSP.peer') through Fabric 2.x's lifecycle for
# chaincode as a service (package, install on both peers, approve for both orgs, commit), and the sample invoke and
# query through the peers' gateways.

net_package_file() { echo "$NET_ARTIFACTS/$NET_CHAINCODE_NAME.tar.gz"; }

# The ccaas package (metadata.json + code.tar.gz holding connection.json) and its id, label:sha256.
net_package() {
  local pkg label="${NET_CHAINCODE_NAME}_$NET_CHAINCODE_VERSION" out
  pkg="$(net_package_file)"
  if [[ ! -f $pkg ]]; then
    out="$(net_cli lifecycle chaincode package "$pkg" --label "$label" --address "$(net_addr "$NET_CHAINCODE")" 2>&1)" ||
      die "packaging the chaincode failed: $out"
  fi
  NET_PACKAGE_ID="$label:$(sha256sum "$pkg" | cut -d' ' -f1)"
}

net_lifecycle_committed() {
  net_cli_as org1 Admin lifecycle chaincode querycommitted -C "$NET_CHANNEL" -n "$NET_CHAINCODE_NAME" >/dev/null 2>&1
}

# Installs on each peer as its org's admin, approves for each org, commits once both have approved.
net_lifecycle_deploy() {
  local org out def
  def=(-C "$NET_CHANNEL" -n "$NET_CHAINCODE_NAME" -v "$NET_CHAINCODE_VERSION" --sequence 1
    --signature-policy "$NET_ENDORSEMENT_POLICY")
  [[ -z ${NET_COLLECTIONS_CONFIG:-} ]] || def+=(--collections-config "$NET_COLLECTIONS_CONFIG")
  for org in org1 org2; do
    if ! net_cli_as "$org" Admin lifecycle chaincode queryinstalled 2>/dev/null | grep -q "$NET_PACKAGE_ID"; then
      log "installing $NET_PACKAGE_ID on $(net_org_peer "$org")"
      out="$(net_cli_as "$org" Admin lifecycle chaincode install "$(net_package_file)" 2>&1)" ||
        net_fail "installing the chaincode on $(net_org_peer "$org") failed: $out" "$(net_org_peer "$org")"
    fi
  done
  for org in org1 org2; do
    log "approving $NET_CHAINCODE_NAME for $(net_org_msp_id "$org")"
    out="$(net_cli_as "$org" Admin lifecycle chaincode approveformyorg "${def[@]}" --package-id "$NET_PACKAGE_ID" 2>&1)" ||
      net_fail "approving the chaincode for $(net_org_msp_id "$org") failed: $out" "$(net_org_peer "$org")"
  done
  log "committing the $NET_CHAINCODE_NAME definition on $NET_CHANNEL"
  out="$(net_cli_as org1 Admin lifecycle chaincode commit "${def[@]}" 2>&1)" ||
    net_fail "committing the chaincode definition failed: $out" peer0.org1 peer0.org2
  net_wait "the $NET_CHAINCODE_NAME definition to be committed" peer0.org1 -- net_lifecycle_committed
}

# The sample transaction: creates an asset through Org1's gateway and waits for its commit status (the CLI exits
# non-zero unless it is VALID), then reads it back through each org's peer. Sets NET_SAMPLE_ASSET, NET_SAMPLE_TXID,
# NET_SAMPLE_BLOCK.
net_sample_transaction() {
  local org out
  NET_SAMPLE_ASSET="asset-$(date +%s)"
  log "invoking CreateAsset $NET_SAMPLE_ASSET through peer0.org1's gateway"
  out="$(net_cli chaincode invoke --connection-profile "$NET_RUN/connection-org1.json" -C "$NET_CHANNEL" \
    -n "$NET_CHAINCODE_NAME" -c "{\"function\":\"CreateAsset\",\"Args\":[\"$NET_SAMPLE_ASSET\",\"blue\",\"5\",\"Tomoko\",\"300\"]}" 2>&1)" ||
    net_fail "the sample invoke failed: $out" peer0.org1 peer0.org2 "$NET_CHAINCODE"
  printf '%s\n' "$out"
  NET_SAMPLE_TXID="$(sed -n 's/^txid: \([0-9a-f]*\).*/\1/p' <<<"$out" | head -1)"
  NET_SAMPLE_BLOCK="$(sed -n 's/^validation code: VALID, block: \([0-9]*\).*/\1/p' <<<"$out" | head -1)"
  [[ -n $NET_SAMPLE_TXID && -n $NET_SAMPLE_BLOCK ]] ||
    net_fail "the sample invoke did not report a transaction committed VALID: $out" peer0.org1
  for org in org1 org2; do
    out="$(net_cli chaincode query --connection-profile "$NET_RUN/connection-$org.json" -C "$NET_CHANNEL" \
      -n "$NET_CHAINCODE_NAME" -c "{\"Args\":[\"ReadAsset\",\"$NET_SAMPLE_ASSET\"]}" 2>&1)" ||
      net_fail "the sample query through $(net_org_peer "$org") failed: $out" "$(net_org_peer "$org")"
    [[ $out == *"$NET_SAMPLE_ASSET"* ]] ||
      net_fail "the sample query through $(net_org_peer "$org") did not return $NET_SAMPLE_ASSET: $out" "$(net_org_peer "$org")"
    printf 'query ReadAsset %s through %s: %s\n' "$NET_SAMPLE_ASSET" "$(net_org_peer "$org")" "$out"
  done
}
