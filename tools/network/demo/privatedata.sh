# ./fabricish demo privatedata: secrets in private data collections (samples/privatedata/collections_config.json).
# Org1Secrets has Org1 only: Org1's peer reads the secret, Org2's peer holds only its hash and refuses to read it with
# Fabric's message, yet proves the value against the hash. SharedSecrets has both orgs: both peers read it. The secret
# travels in the transient map, never in the block. Then key-level endorsement: an asset whose key requires Org2's peer
# is refused when Org1 alone endorses and accepted when Org2 does. Sourced by lib/demo.sh.

# demo_private_invoke <org> <function> <collection> <id> <secret>: the secret as the transient "secret"; the gateway
# keeps transient data in its own organization unless the client names the endorsing organizations, as Fabric's.
demo_private_invoke() {
  local org="$1" fn="$2" collection="$3" id="$4" secret="$5" transient
  transient="{\"secret\":\"$(printf '%s' "$secret" | base64 -w0)\"}"
  printf '%s (User1 of %s) invokes %s %s %s with a transient secret\n' "$DEMO_CC" "$(net_org_msp_id "$org")" "$fn" "$collection" "$id"
  DEMO_OUT="$(net_cli_as "$org" User1 chaincode invoke -C "$NET_CHANNEL" -n "$DEMO_CC" -c "$(demo_ctor "$fn" "$collection" "$id")" \
    --transient "$transient" --endorsing-organizations Org1MSP Org2MSP 2>&1)" || demo_fail "$fn as User1 of $org failed: $DEMO_OUT"
  grep -E '^(txid|validation code):' <<<"$DEMO_OUT" | sed 's/^/    /'
}

# demo_private_wait <org> <collection> <id>: until the org's peer has committed the secret's hash.
demo_private_wait() {
  local org="$1" collection="$2" id="$3" i
  for ((i = 0; i < 60; i++)); do
    if DEMO_OUT="$(net_cli_as "$org" User1 chaincode query -C "$NET_CHANNEL" -n "$DEMO_CC" -c "$(demo_ctor SecretHash "$collection" "$id")" 2>&1)"; then
      return 0
    fi
    sleep 0.5
  done
  demo_fail "$(net_org_peer "$org") never committed the hash of $collection/$id: $DEMO_OUT"
}

demo_privatedata() {
  local stamp id shared secret expected
  stamp="$(date -u +%s%N)"
  id="secret-$stamp"
  shared="shared-$stamp"
  secret="the bilateral price is $stamp"
  expected="$(printf '%s' "$secret" | sha256sum | cut -d' ' -f1)"

  demo_step "Org1 stores a secret in Org1Secrets (members: Org1MSP), passing it in the transient map"
  demo_private_invoke org1 CreateSecret Org1Secrets "$id" "$secret"

  demo_step "Org1's peer reads the secret"
  demo_query org1 ReadSecret Org1Secrets "$id"
  demo_expect "$DEMO_OUT" "$secret" "Org1's read of its secret"

  demo_step "Org2's peer is not a member: it has only the hash, and proves the value against it"
  demo_private_wait org2 Org1Secrets "$id"
  printf '    SecretHash through %s: %s\n' "$(net_org_peer org2)" "$DEMO_OUT"
  demo_expect "$DEMO_OUT" "$expected" "the hash Org2's peer holds"

  demo_step "Org2's peer cannot read the secret"
  if DEMO_OUT="$(net_cli_as org2 User1 chaincode query -C "$NET_CHANNEL" -n "$DEMO_CC" -c "$(demo_ctor ReadSecret Org1Secrets "$id")" 2>&1)"; then
    demo_fail "Org2's peer read a secret of a collection it is not a member of: $DEMO_OUT"
  fi
  demo_expect "$DEMO_OUT" "private data matching public hash version is not available" "Org2's refused read"
  printf '    refused as expected: %s\n' "$(grep -o 'private data matching public hash version is not available[^"]*' <<<"$DEMO_OUT" | head -1)"

  demo_step "Org1 stores a secret in SharedSecrets (members: Org1MSP, Org2MSP; requiredPeerCount 1)"
  demo_private_invoke org1 CreateSecret SharedSecrets "$shared" "$secret"

  demo_step "Both peers read the shared secret"
  demo_private_wait org2 SharedSecrets "$shared"
  demo_query org1 ReadSecret SharedSecrets "$shared"
  demo_expect "$DEMO_OUT" "$secret" "Org1's read of the shared secret"
  demo_query org2 ReadSecret SharedSecrets "$shared"
  demo_expect "$DEMO_OUT" "$secret" "Org2's read of the shared secret"

  demo_privatedata_guarded
}

# demo_guarded_invoke <org> <endorsing MSP ids> -- <function> args...: must commit VALID; sets DEMO_OUT. With no MSP
# ids the gateway plans the endorsers itself (from the chaincode's, collections' and written keys' policies).
demo_guarded_invoke() {
  local org="$1" endorsers="$2"
  shift 2
  local -a flags=()
  if [[ -n $endorsers ]]; then
    # shellcheck disable=SC2206 # the MSP ids are separate arguments
    flags=(--endorsing-organizations $endorsers)
  fi
  printf '%s (User1 of %s) invokes %s, endorsed by %s\n' "$DEMO_CC" "$(net_org_msp_id "$org")" "$1" "${endorsers:-the organizations the gateway plans}"
  DEMO_OUT="$(net_cli_as "$org" User1 chaincode invoke -C "$NET_CHANNEL" -n "$DEMO_CC" -c "$(demo_ctor "$@")" \
    "${flags[@]}" 2>&1)" || demo_fail "$1 as User1 of $org endorsed by ${endorsers:-the gateway plan} failed: $DEMO_OUT"
  grep -E '^(txid|validation code):' <<<"$DEMO_OUT" | sed 's/^/    /'
}

# demo_guarded_refused <expected> <org> <endorsing MSP ids> <function> args...: must be invalidated, saying why.
demo_guarded_refused() {
  local expected="$1" org="$2" endorsers="$3"
  shift 3
  # shellcheck disable=SC2086 # the MSP ids are separate arguments
  if DEMO_OUT="$(net_cli_as "$org" User1 chaincode invoke -C "$NET_CHANNEL" -n "$DEMO_CC" -c "$(demo_ctor "$@")" \
    --endorsing-organizations $endorsers 2>&1)"; then
    demo_fail "$1 endorsed by $endorsers was accepted but must be refused ($expected): $DEMO_OUT"
  fi
  [[ $DEMO_OUT == *"$expected"* ]] || demo_fail "$1 endorsed by $endorsers failed, but not with '$expected': $DEMO_OUT"
  printf '    refused as expected: %s\n' "$(grep -F -- "$expected" <<<"$DEMO_OUT" | head -1 | sed 's/^ *//')"
}

# demo_guarded_wait <org> <id> <value>: until the org's peer has committed the asset at that value.
demo_guarded_wait() {
  local org="$1" id="$2" value="$3" i
  for ((i = 0; i < 60; i++)); do
    if DEMO_OUT="$(net_cli_as "$org" User1 chaincode query -C "$NET_CHANNEL" -n "$DEMO_CC" -c "$(demo_ctor GuardedAssets:Read "$id")" 2>&1)" &&
      [[ $DEMO_OUT == "$value "* ]]; then
      return 0
    fi
    sleep 0.5
  done
  demo_fail "$(net_org_peer "$org") never committed $id at $value: $DEMO_OUT"
}

# Key-level endorsement: the asset's key requires Org2's peer, which replaces the chaincode's AND(Org1, Org2).
demo_privatedata_guarded() {
  local asset
  asset="guarded-$(date -u +%s%N)"

  demo_step "Org1 creates $asset, whose key-level endorsement policy requires Org2MSP's peer"
  demo_guarded_invoke org1 "Org1MSP Org2MSP" GuardedAssets:Create "$asset" v1 Org2MSP
  demo_query org1 GuardedAssets:Read "$asset"
  demo_expect "$DEMO_OUT" "v1 (endorsed by Org2MSP)" "the guarded asset"

  demo_step "An update endorsed by Org1 only is invalidated: the key's policy needs Org2"
  demo_guarded_refused ENDORSEMENT_POLICY_FAILURE org1 Org1MSP GuardedAssets:Update "$asset" by-org1

  demo_step "An update endorsed by Org2 only is valid: the key's policy replaces the chaincode's AND(Org1, Org2)"
  demo_guarded_wait org2 "$asset" v1
  demo_guarded_invoke org2 Org2MSP GuardedAssets:Update "$asset" by-org2
  demo_guarded_wait org1 "$asset" by-org2

  demo_step "An update through Org1's gateway without --endorsing-organizations is valid: the gateway plans Org2's endorsement from the key's policy"
  demo_guarded_invoke org1 "" GuardedAssets:Update "$asset" by-plan
  demo_guarded_wait org2 "$asset" by-plan

  demo_step "An update endorsed by both orgs is valid"
  demo_guarded_invoke org1 "Org1MSP Org2MSP" GuardedAssets:Update "$asset" by-both
  demo_query org1 GuardedAssets:Read "$asset"
  demo_expect "$DEMO_OUT" "by-both (endorsed by Org2MSP)" "the updated guarded asset"
}
