# ./fabricish demo tokensale: Org1's admin opens a sale of 100 TOK, buyers of both orgs buy, a purchase above what
# remains is refused with how much is left, tokens stay put until the sale closed having reached its goal, refunds
# are refused once it did, and tokens then move. Sourced by lib/demo.sh.

demo_tokensale() {
  local stamp sale closes
  stamp="$(date -u +%s)"
  sale="TOK-$stamp"
  closes=$((stamp + 40))

  demo_step "Org1's admin opens sale $sale: 100 TOK at 1,500 each, soft goal 60, two capped counters, closing in 40 s"
  demo_invoke org1 Admin OpenSale "$sale" TOK 1000000 1500 100 60 "$(date -u -d '-1 minute' +%FT%TZ)" "$(date -u -d "@$closes" +%FT%TZ)" 2

  demo_step "Buyers of both organizations buy 40 TOK each (own purchase and balance keys; one counter each)"
  demo_invoke org1 User1 Buy "$sale" 40
  demo_invoke org2 User1 Buy "$sale" 40
  demo_query org1 TotalSold "$sale"
  [[ $DEMO_OUT == 80 ]] || demo_fail "80 TOK must be sold, not $DEMO_OUT"

  demo_step "A purchase of 30 is refused: only 20 remain below the cap, 10 per counter"
  demo_refused "only 20 TOK remain below the hard cap of 100, at most 10 in one purchase; 30 asked" org2 Admin Buy "$sale" 30
  demo_invoke org2 Admin Buy "$sale" 10

  demo_step "Tokens do not move before the sale closes"
  demo_refused "TOK moves only after the sale closed" org1 User1 Transfer "$sale" "Org2MSP/User1@org2.example.com" 15

  demo_step "The sale closes having reached its goal: no refunds, tokens move"
  demo_wait_until "$closes" "the sale to close"
  demo_refused "the sale reached its soft goal (90 of 60 TOK sold): no refunds" org1 User1 Refund "$sale"
  demo_invoke org1 User1 Transfer "$sale" "Org2MSP/User1@org2.example.com" 15
  demo_query org2 BalanceOf "$sale" "Org2MSP/User1@org2.example.com"
  [[ $DEMO_OUT == 55 ]] || demo_fail "Org2's User1 must hold 40 + 15 TOK, not $DEMO_OUT"
  demo_query org1 BalanceOf "$sale" "Org1MSP/User1@org1.example.com"
  [[ $DEMO_OUT == 25 ]] || demo_fail "Org1's User1 must hold 40 - 15 TOK, not $DEMO_OUT"
}
