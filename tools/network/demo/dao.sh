# ./fabricish demo dao: Org1's admin founds a DAO of three members, a proposal collects one vote per member, is
# executed once after its deadline with quorum and majority and pays from the treasury, and a member's split pays its
# share once however often it is called. Sourced by lib/demo.sh.

demo_dao() {
  local stamp dao deadline members
  stamp="$(date -u +%s)"
  dao="DAO-$stamp"
  deadline=$((stamp + 30))
  members='{"Org1MSP/User1@org1.example.com":600,"Org2MSP/User1@org2.example.com":300,"Org2MSP/Admin@org2.example.com":100}'

  demo_step "Org1's admin founds $dao: 1,000 tokens over three members, a treasury of 1,000,000, quorum 50%"
  demo_invoke org1 Admin Found "$dao" "$members" 1000000 50

  demo_step "A member proposes paying the auditor 100,000; voting closes in 30 s"
  demo_invoke org1 User1 Propose "$dao" p1 "annual audit" "Org1MSP/auditor@org1.example.com" 100000 "$(date -u -d "@$deadline" +%FT%TZ)"

  demo_step "Members vote once each, weighted by their tokens"
  demo_invoke org1 User1 Vote "$dao" p1 true
  demo_invoke org2 User1 Vote "$dao" p1 false
  demo_refused "Org2MSP/User1@org2.example.com already voted on p1: one vote per member" org2 User1 Vote "$dao" p1 true
  demo_refused "voting on p1 runs until" org2 Admin Execute "$dao" p1

  demo_step "After the deadline: 600 yes, 300 no, quorum met; the treasury pays once"
  demo_wait_until "$deadline" "the voting deadline"
  demo_invoke org2 Admin Execute "$dao" p1
  demo_refused "the proposal p1 was already executed" org2 Admin Execute "$dao" p1
  demo_query org1 PaidTo "$dao" "Org1MSP/auditor@org1.example.com"
  [[ $DEMO_OUT == 100000 ]] || demo_fail "the auditor must have been paid 100000, not $DEMO_OUT"

  demo_step "The 2016 split attack: withdrawing again pays nothing more"
  demo_invoke org2 Admin Withdraw "$dao"
  demo_refused "Org2MSP/Admin@org2.example.com holds no tokens" org2 Admin Withdraw "$dao"
  demo_query org2 PaidTo "$dao" "Org2MSP/Admin@org2.example.com"
  [[ $DEMO_OUT == 90000 ]] || demo_fail "the split must pay 900000 x 100 / 1000 = 90000 once, not $DEMO_OUT"
  demo_query org1 Treasury "$dao"
  [[ $DEMO_OUT == 810000 ]] || demo_fail "the treasury must hold 1000000 - 100000 - 90000, not $DEMO_OUT"
}
