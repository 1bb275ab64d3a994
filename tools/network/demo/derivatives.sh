# ./fabricish demo derivatives: an oracle registers itself, Org1 (buyer) proposes an equity-linked call on KOSPI200
# bound to its legal prose, Org2 (seller) accepts the exact terms, an observation marks it to market from a signed
# attestation, forged, stale, wrong-symbol and replayed attestations are refused, and it settles at maturity to the
# payoff computed here. Sourced by lib/demo.sh.
#
# The oracle is a named identity of Org1's MSP. The sample network has no dedicated enrollment, so Org1's User1
# stands in for it and Org1's Admin acts as the buyer; in production the oracle is its own enrollment (say
# oracle@org1 from the org's CA) or its own organization.

DEMO_ORACLE=krx
DEMO_ORACLE_MSP_DIR() { net_user_msp org1 User1; }

# demo_attest <symbol> <value> <observed at>: writes a one-line feed and signs it as the oracle; prints the attestation.
demo_attest() {
  local feed="$DEMO_DIR/feed-$(date -u +%s%N).jsonl" out
  printf '{"source":"KRX","symbol":"%s","value":"%s","observed_at":"%s"}\n' "$1" "$2" "$3" >"$feed"
  out="$(net_cli oracle sign --feed "$feed" --symbol "$1" --msp-dir "${4:-$(DEMO_ORACLE_MSP_DIR)}" --msp-id Org1MSP 2>&1)" ||
    demo_fail "the oracle could not sign $1=$2: $out"
  printf '%s' "$out"
}

demo_derivatives() {
  local id stamp prose hash terms terms_hash observe maturity attestation altered out
  stamp="$(date -u +%s)"
  id="ELS-$stamp"
  observe=$((stamp + 25))
  maturity=$((stamp + 50))

  demo_step "The oracle ($DEMO_ORACLE, User1@org1.example.com) registers itself with Org1's CA root"
  demo_invoke org1 User1 RegisterOracle "$DEMO_ORACLE" "$(cat "$NET_CRYPTO/peerOrganizations/org1.example.com/ca/ca.org1.example.com-cert.pem")"

  demo_step "The legal prose is published and hashed"
  prose="$DEMO_DIR/$id.txt"
  printf 'Equity-linked note %s. At maturity the Seller pays the Buyer KRW 1,000,000,000 x 0.8 x max(0, KOSPI200 / 350.00 - 1), nothing if KOSPI200 is at or above 420.00 on an observation. Levels are those attested by the oracle krx.\n' "$id" >"$prose"
  hash="$(net_cli legal hash "$prose")" || demo_fail "hashing the legal prose failed: $hash"
  printf '    %s sha256 %s\n' "$prose" "$hash"

  demo_step "Org1 (buyer) proposes $id: notional 1,000,000,000 KRW on KOSPI200, strike 350.00, participation 0.8, barrier 420.00"
  terms="$(printf '{"id":"%s","buyer_msp_id":"Org1MSP","seller_msp_id":"Org2MSP","notional":1000000000,"currency":"KRW","underlying":"KOSPI200","strike":350.00,"participation":0.8,"barrier":420.00,"observation_dates":["%s","%s"],"maturity":"%s","oracle":"%s","max_attestation_age_seconds":120,"legal_prose":{"uri":"https://legal.example.com/%s.txt","sha256":"%s"}}' \
    "$id" "$(date -u -d "@$observe" +%FT%TZ)" "$(date -u -d "@$((observe + 1))" +%FT%TZ)" "$(date -u -d "@$maturity" +%FT%TZ)" "$DEMO_ORACLE" "$id" "$hash")"
  demo_invoke org1 Admin ProposeDerivative "$terms"

  demo_step "Org2 (seller) reads the terms and accepts exactly their hash"
  demo_query org2 ReadDerivative "$id"
  terms_hash="$(demo_json terms_hash <<<"$DEMO_OUT")"
  demo_refused "hash to $terms_hash, not to the accepted" org2 User1 AcceptDerivative "$id" "$(printf 'other terms' | sha256sum | cut -d' ' -f1)"
  demo_invoke org2 User1 AcceptDerivative "$id" "$terms_hash"
  demo_query org1 ReadDerivative "$id"
  demo_expect "$DEMO_OUT" '"status":"active"' "the accepted derivative"

  demo_step "Anyone holding the legal text checks it against the instrument"
  out="$(net_cli_as org2 User1 legal verify "$prose" -C "$NET_CHANNEL" -n "$DEMO_CC" --instrument "$id" 2>&1)" ||
    demo_fail "the published text does not verify: $out"
  printf '    %s\n' "$out"
  printf 'Amended: the Buyer pays.\n' >>"$prose.altered"
  cat "$prose" "$prose.altered" >"$prose.amended"
  if out="$(net_cli_as org2 User1 legal verify "$prose.amended" -C "$NET_CHANNEL" -n "$DEMO_CC" --instrument "$id" 2>&1)"; then
    demo_fail "an amended text verified against $id: $out"
  fi
  printf '    an amended copy is refused: %s\n' "$out"

  demo_step "Observation dates: the oracle attests KOSPI200 = 367.50, then 357.00; margin follows the mark to market"
  demo_wait_until "$((observe + 1))" "the observation dates"
  attestation="$(demo_attest KOSPI200 367.50 "$(date -u +%FT%TZ)")"
  demo_invoke org2 User1 RecordObservation "$id" "$attestation"
  demo_query org1 ReadDerivative "$id"
  demo_expect "$DEMO_OUT" '"mark_to_market":"40000000.00"' "the observation's mark-to-market (1e9 x 0.8 x (367.50/350 - 1))"
  demo_expect "$DEMO_OUT" '"margin_posted":"40000000.00"' "the variation margin posted"
  demo_refused "replay refused" org2 User1 RecordObservation "$id" "$attestation"
  demo_invoke org2 User1 RecordObservation "$id" "$(demo_attest KOSPI200 357.00 "$(date -u +%FT%TZ)")"
  demo_query org1 ReadDerivative "$id"
  demo_expect "$DEMO_OUT" '"variation_margin":"-24000000.00"' "the second observation's margin returned (16,000,000 - 40,000,000)"
  demo_expect "$DEMO_OUT" '"margin_posted":"16000000.00"' "the variation margin posted after two observations"

  demo_step "Maturity: attestations that must not settle it are refused"
  demo_wait_until "$maturity" "maturity"
  demo_refused "is stale" org1 Admin Settle "$id" "$(demo_attest KOSPI200 385.00 "$(date -u -d '-1 hour' +%FT%TZ)")"
  demo_refused "is for KOSDAQ150, not KOSPI200" org1 Admin Settle "$id" "$(demo_attest KOSDAQ150 385.00 "$(date -u +%FT%TZ)")"
  demo_refused "not the oracle's" org1 Admin Settle "$id" \
    "$(demo_attest KOSPI200 999.00 "$(date -u +%FT%TZ)" "$(net_user_msp org1 Admin)")"
  attestation="$(demo_attest KOSPI200 385.00 "$(date -u +%FT%TZ)")"
  # The genuine attestation with its level changed after signing.
  altered="$(node -e 'const a=JSON.parse(process.argv[1]);const o=JSON.parse(Buffer.from(a.observation,"base64"));o.value="999.00";a.observation=Buffer.from(JSON.stringify(o)).toString("base64");console.log(JSON.stringify(a))' "$attestation")"
  demo_refused "signature does not verify" org1 Admin Settle "$id" "$altered"

  demo_step "Settlement from the oracle's attestation KOSPI200 = 385.00: 1,000,000,000 x 0.8 x (385/350 - 1) = 80,000,000.00"
  demo_invoke org1 Admin Settle "$id" "$attestation"
  demo_query org2 ReadDerivative "$id"
  demo_expect "$DEMO_OUT" '"status":"settled"' "the settled derivative"
  demo_expect "$DEMO_OUT" '"payoff":"80000000.00"' "the settlement payoff"
}
