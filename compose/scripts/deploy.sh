#!/usr/bin/env bash
# In the cli container, after `docker-compose up -d`:  docker-compose exec cli /etc/fabricish/scripts/deploy.sh
# Joins both orderers and both peers to the channel, deploys asset-transfer with Fabric's lifecycle (install on both
# peers, approve for Org1 and Org2, commit with AND('Org1MSP.peer','Org2MSP.peer')), then invokes and queries it.
set -euo pipefail
ORGS=/etc/fabricish/organizations
CHANNEL="${CHANNEL_NAME:-mychannel}"
BLOCK="$ORGS/channel-artifacts/$CHANNEL.block"
PACKAGE="$ORGS/channel-artifacts/basic.tar.gz"
PACKAGE_ID="$(cat "$ORGS/channel-artifacts/basic.package-id")"
POLICY="AND('Org1MSP.peer','Org2MSP.peer')"

# as_org <1|2> command...: Fabric's peer environment of the org's admin.
as_org() {
  local org="$1" port=7051
  shift
  [[ $org == 1 ]] || port=9051
  CORE_PEER_LOCALMSPID="Org${org}MSP" CORE_PEER_ADDRESS="peer0.org$org.example.com:$port" \
    CORE_PEER_MSPCONFIGPATH="$ORGS/peerOrganizations/org$org.example.com/users/Admin@org$org.example.com/msp" \
    CORE_PEER_TLS_ROOTCERT_FILE="$ORGS/peerOrganizations/org$org.example.com/peers/peer0.org$org.example.com/tls/ca.crt" \
    "$@"
}

# retry <what> command...: nodes take a moment to listen after their containers start.
retry() {
  local what="$1" i
  shift
  for i in $(seq 1 60); do
    if "$@"; then return 0; fi
    sleep 2
  done
  echo "deploy.sh: gave up on $what" >&2
  exit 1
}

# The orderers' admin endpoints are mutual TLS: osnadmin's flags with the orderer org Admin's TLS pair (compose sets these).
ADMIN_TLS=(--ca-file "$ORDERER_CA" --client-cert "$ORDERER_ADMIN_TLS_SIGN_CERT" --client-key "$ORDERER_ADMIN_TLS_PRIVATE_KEY")
for admin in orderer0.example.com:9443 orderer1.example.com:9446; do
  fabricish orderer list --orderer "$admin" --channel "$CHANNEL" "${ADMIN_TLS[@]}" >/dev/null 2>&1 ||
    retry "joining $admin" fabricish orderer join --orderer "$admin" --channel "$CHANNEL" --genesis "$BLOCK" "${ADMIN_TLS[@]}"
done
for org in 1 2; do
  as_org "$org" fabricish peer channel list | grep -qx "$CHANNEL" ||
    retry "joining peer0.org$org" as_org "$org" fabricish peer channel join --block "$BLOCK"
done

if ! as_org 1 fabricish lifecycle chaincode querycommitted -C "$CHANNEL" -n basic >/dev/null 2>&1; then
  for org in 1 2; do
    retry "installing on peer0.org$org" as_org "$org" fabricish lifecycle chaincode install "$PACKAGE"
  done
  for org in 1 2; do
    retry "approving for Org${org}MSP" as_org "$org" fabricish lifecycle chaincode approveformyorg -C "$CHANNEL" -n basic \
      -v 1.0 --sequence 1 --package-id "$PACKAGE_ID" --signature-policy "$POLICY"
  done
  as_org 1 fabricish lifecycle chaincode commit -C "$CHANNEL" -n basic -v 1.0 --sequence 1 --signature-policy "$POLICY"
fi

asset="asset-$(date +%s)"
as_org 1 fabricish chaincode invoke -C "$CHANNEL" -n basic -c "{\"function\":\"CreateAsset\",\"Args\":[\"$asset\",\"blue\",\"5\",\"Tomoko\",\"300\"]}"
for org in 1 2; do
  as_org "$org" fabricish chaincode query -C "$CHANNEL" -n basic -c "{\"Args\":[\"ReadAsset\",\"$asset\"]}"
done
