# Crypto material, the channel's genesis block, and joining the orderers and peers to the channel.

# cryptogen-layout material for the orderer org (orderer0, orderer1) and Org1, Org2 (one peer, one user each).
net_crypto() {
  if [[ -f $NET_CRYPTO/.complete ]]; then return 0; fi
  rm -rf "$NET_CRYPTO"
  sed '/Hostname: orderer2$/d' "$ROOT/samples/network/crypto.yaml" | net_crypto_sans >"$NET_CONFIG/crypto.yaml"
  net_cli crypto generate --config "$NET_CONFIG/crypto.yaml" --output "$NET_CRYPTO" >/dev/null ||
    die "generating crypto material into $NET_CRYPTO failed"
  touch "$NET_CRYPTO/.complete"
}

# With --hosts netns clients reach the nodes at their hosts' addresses, which TLS server certificates must name: each
# orderer spec and each org's peer template gets its host's address in cryptogen's SANS list (127.0.0.1 is always in).
net_crypto_sans() {
  if ! net_netns; then cat; return 0; fi
  awk -v ord="$(net_ip orderer0)" -v org1="$(net_ip peer0.org1)" -v org2="$(net_ip peer0.org2)" '
    /^[[:space:]]*Domain:/ { domain = $2 }
    { print }
    /^      - Hostname: orderer[0-9]+$/ { print "        SANS:"; print "          - " ord }
    /^    Template:$/ { template = 1; next }
    template && /Count:/ { print "      SANS:"; print "        - " (domain ~ /^org1\./ ? org1 : org2); template = 0 }'
}

# The sample TwoOrgsChannel profile with this run's addresses: orderer endpoints, Kafka brokers and anchor peers on
# 127.0.0.1, or on their hosts' addresses with --hosts netns (the sample's host names do not resolve outside containers), a
# 1 s batch timeout for a snappy dev network, and up's --block-size as BatchSize.MaxMessageCount.
net_configtx() {
  local out="$NET_CONFIG/configtx.yaml"
  sed -e "s/orderer0\.example\.com:7050/$(net_addr orderer0)/" \
    -e "s/orderer1\.example\.com:8050/$(net_addr orderer1)/" \
    -e '/orderer2\.example\.com:9050/d' \
    -e "s/^\([[:space:]]*\)- 127\.0\.0\.1:9092\$/\1- $(net_addr kafka0)\n\1- $(net_addr kafka1)\n\1- $(net_addr kafka2)/" \
    -e "/Host: peer0\.org1\.example\.com/{s//Host: $(net_ip peer0.org1)/;n;s/Port: [0-9]*/Port: ${NET_PORTS[peer0.org1]}/}" \
    -e "/Host: peer0\.org2\.example\.com/{s//Host: $(net_ip peer0.org2)/;n;s/Port: [0-9]*/Port: ${NET_PORTS[peer0.org2]}/}" \
    -e 's/BatchTimeout: 2s/BatchTimeout: 1s/' \
    -e "s/^\([[:space:]]*\)MaxMessageCount: 10\$/\1MaxMessageCount: ${NET_BLOCK_SIZE:-10}/" \
    "$ROOT/samples/network/channel.yaml" >"$out"
  # The sample is ours, but fail loudly if it changes shape under these substitutions. The broker list is judged as a
  # whole: with the default ports kafka0 keeps the sample's own address, so one line of it proves nothing.
  local brokers want
  brokers="$(net_configtx_brokers "$out")"
  want="$(net_addr kafka0) $(net_addr kafka1) $(net_addr kafka2)"
  if grep -Eq 'example\.com:[0-9]+|Host: peer0' "$out" || [[ $brokers != "$want" ]] ||
    ! grep -Eq "^[[:space:]]*MaxMessageCount: ${NET_BLOCK_SIZE:-10}\$" "$out"; then
    die "samples/network/channel.yaml no longer has the addresses up rewrites (Kafka brokers '$brokers', want '$want'); see $out"
  fi
}

# The items of the Kafka Brokers list of a configtx file, on one line.
net_configtx_brokers() {
  awk '/^[[:space:]]*Brokers:/ { inlist = 1; next }
       inlist && /^[[:space:]]*- / { sub(/^[[:space:]]*- /, ""); printf "%s%s", sep, $0; sep = " "; next }
       inlist { exit }' "$1"
}

net_genesis() {
  local block="$NET_ARTIFACTS/$NET_CHANNEL.block"
  [[ -f $block ]] && return 0
  mkdir -p "$NET_ARTIFACTS"
  net_configtx
  net_cli channel genesis --config "$NET_CONFIG/configtx.yaml" --crypto "$NET_CRYPTO" --profile TwoOrgsChannel \
    --channel "$NET_CHANNEL" --output "$block.tmp" >/dev/null || die "writing the genesis block of $NET_CHANNEL failed"
  mv "$block.tmp" "$block"
}

net_peer_channel_url() { echo "http://$(net_addr "$1-ops")/peer/v1/channels/$NET_CHANNEL"; }

# Each orderer joins through its channel participation API (as osnadmin channel join, over mutual TLS as the orderer
# org's Admin), unless it already serves the channel.
net_join_orderers() {
  local name out
  local -a admin
  mapfile -t admin < <(net_orderer_admin_flags)
  for name in "${NET_ORDERERS[@]}"; do
    net_wait "$name's participation API on https://$(net_addr "$name-admin")" "$name" -- \
      net_orderer_admin_ok "$name" /participation/v1/channels
    if ! net_orderer_admin_ok "$name" "/participation/v1/channels/$NET_CHANNEL"; then
      out="$(net_cli orderer join --channel "$NET_CHANNEL" --genesis "$NET_ARTIFACTS/$NET_CHANNEL.block" \
        --orderer "$(net_addr "$name-admin")" "${admin[@]}" 2>&1)" || net_fail "joining $name to $NET_CHANNEL failed: $out" "$name"
    fi
  done
  for name in "${NET_ORDERERS[@]}"; do net_wait_orderer "$name"; done
}

# An orderer that joined the channel serves it and is healthy (after up, and after ./fabricish start).
net_wait_orderer() {
  net_wait "$1 to serve $NET_CHANNEL (participation API status active)" "$1" kafka0 kafka1 kafka2 -- \
    net_orderer_channel_active "$1"
  net_wait "$1's /healthz" "$1" -- net_orderer_admin_ok "$1" /healthz
}

# Each peer joins through cscc JoinChain signed by its organization's admin (peer channel join over the peer's gRPC
# endpoint, TLS when the network has it), unless it already has.
net_join_peers() {
  local org name out
  for org in org1 org2; do
    name="$(net_org_peer "$org")"
    net_wait "$name's operations endpoint on $(net_addr "$name-ops")" "$name" -- \
      net_http_ok "http://$(net_addr "$name-ops")/peer/v1/channels"
    if ! net_http_ok "$(net_peer_channel_url "$name")"; then
      out="$(net_cli_as "$org" Admin peer channel join --block "$NET_ARTIFACTS/$NET_CHANNEL.block" 2>&1)" ||
        net_fail "joining $name to $NET_CHANNEL failed: $out" "$name"
    fi
  done
  for org in org1 org2; do net_wait_peer "$org"; done
}

# net_wait_peer <org>: the org's peer that joined the channel has it active and is healthy.
net_wait_peer() {
  local name
  name="$(net_org_peer "$1")"
  net_wait "$name's channel $NET_CHANNEL to be active" "$name" $(net_org_couch_used "$1") -- \
    net_channel_active "$(net_peer_channel_url "$name")"
  net_wait "$name's /healthz" "$name" -- net_http_ok "http://$(net_addr "$name-ops")/healthz"
}
