# ./fabricish demo certificates: Org1 registers a customer certificate, Org2 verifies it, cannot revoke it, Org1
# revokes it, Org2 sees it revoked, and the history shows both states. Sourced by lib/demo.sh.

demo_certificates() {
  local stamp certificate subject
  stamp="$(date -u +%s%N)"
  # Only hashes go on chain: the certificate and the customer's id stay with the firms.
  certificate="$(printf 'customer certificate %s' "$stamp" | sha256sum | cut -d' ' -f1)"
  subject="$(printf 'firm salt|customer %s' "$stamp" | sha256sum | cut -d' ' -f1)"

  demo_step "Org1 registers its customer's certificate $certificate (the issuer is taken from the creator's MSP)"
  demo_invoke org1 User1 RegisterCertificate "$certificate" "$subject" "$(date -u -d '-1 day' +%FT%TZ)" "$(date -u -d '+365 days' +%FT%TZ)"

  demo_step "Org2 verifies the certificate its customer presents, through its own peer"
  demo_query org2 VerifyCertificate "$certificate"
  demo_expect "$DEMO_OUT" '"status":"valid"' "Org2's verification"
  demo_expect "$DEMO_OUT" '"issuer_msp_id":"Org1MSP"' "Org2's verification"

  demo_step "Org2 tries to revoke Org1's certificate"
  demo_refused "only the issuer Org1MSP may revoke" org2 User1 RevokeCertificate "$certificate" "not ours to revoke"

  demo_step "Org1 revokes it"
  demo_invoke org1 User1 RevokeCertificate "$certificate" "customer reported the key lost"

  demo_step "Org2 verifies it again"
  demo_query org2 VerifyCertificate "$certificate"
  demo_expect "$DEMO_OUT" '"status":"revoked"' "Org2's second verification"

  demo_step "An unknown certificate is an answer, not an error"
  demo_query org2 VerifyCertificate "$(printf 'never registered %s' "$stamp" | sha256sum | cut -d' ' -f1)"
  demo_expect "$DEMO_OUT" '"status":"unknown"' "verifying an unknown certificate"

  demo_step "The history shows every state"
  demo_query org1 GetCertificateHistory "$certificate"
  [[ $(grep -o '"tx_id"' <<<"$DEMO_OUT" | wc -l) -eq 2 ]] || demo_fail "the history must hold the registration and the revocation: $DEMO_OUT"
}
