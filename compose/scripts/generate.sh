#!/usr/bin/env bash
# In the cli container, before `docker-compose up`:  docker-compose run --rm --no-deps cli /etc/fabricish/scripts/generate.sh
# Writes into /etc/fabricish/organizations (./organizations on the host): cryptogen-layout crypto material for the
# orderer org (orderer0, orderer1) and Org1, Org2; configtx.yaml with the containers' addresses; the channel's
# genesis block; the asset-transfer chaincode-as-a-service package and its package id. Existing material is kept.
set -euo pipefail
OUT=/etc/fabricish/organizations
SAMPLES=/etc/fabricish/samples
CHANNEL="${CHANNEL_NAME:-mychannel}"
ARTIFACTS="$OUT/channel-artifacts"
mkdir -p "$ARTIFACTS"

if [[ ! -d $OUT/peerOrganizations ]]; then
  sed '/Hostname: orderer2$/d' "$SAMPLES/crypto.yaml" >/tmp/crypto.yaml
  fabricish crypto generate --config /tmp/crypto.yaml --output "$OUT"
fi

# The sample profile with the compose network's addresses: orderer1 listens on 7150, Kafka brokers are the three
# KRaft containers; anchor peers keep their host names (peer0.org1.example.com:7051, peer0.org2.example.com:9051).
sed -e 's/orderer1\.example\.com:8050/orderer1.example.com:7150/' \
  -e '/orderer2\.example\.com:9050/d' \
  -e 's/^\([[:space:]]*\)- 127\.0\.0\.1:9092$/\1- kafka0:9092\n\1- kafka1:9092\n\1- kafka2:9092/' \
  "$SAMPLES/channel.yaml" >"$OUT/configtx.yaml"
if [[ ! -f $ARTIFACTS/$CHANNEL.block ]]; then
  fabricish channel genesis --config "$OUT/configtx.yaml" --crypto "$OUT" --profile TwoOrgsChannel \
    --channel "$CHANNEL" --output "$ARTIFACTS/$CHANNEL.block"
fi

if [[ ! -f $ARTIFACTS/basic.tar.gz ]]; then
  fabricish lifecycle chaincode package "$ARTIFACTS/basic.tar.gz" --label basic_1.0 --address chaincode:9999
fi
# Fabric's package id: label, then the SHA-256 of the package file.
echo "basic_1.0:$(sha256sum "$ARTIFACTS/basic.tar.gz" | cut -d' ' -f1)" >"$ARTIFACTS/basic.package-id"
echo "generated: $OUT (package id $(cat "$ARTIFACTS/basic.package-id"))"
