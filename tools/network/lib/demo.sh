# ./fabricish demo <sample> [--run-dir DIR]: deploys a sample contract on a running network (its own chaincode service,
# Fabric's lifecycle on both orgs with AND('Org1MSP.peer','Org2MSP.peer')) unless it is committed already, then runs
# the sample's story (tools/network/demo/<sample>.sh) through the CLI. Any step that does not behave exits non-zero.
# The services are components chaincode-<sample> (pids/, logs/); down stops them with the network.

NET_DEMO_SAMPLES=(certificates derivatives tokensale dao privatedata)

net_demo_project() {
  case "$1" in
    certificates) echo Fabricish.Samples.Certificates ;;
    derivatives) echo Fabricish.Samples.Derivatives ;;
    tokensale) echo Fabricish.Samples.TokenSale ;;
    dao) echo Fabricish.Samples.Dao ;;
    privatedata) echo Fabricish.Samples.PrivateData ;;
  esac
}

# What down calls: the sample services demo started.
net_demo_stop() {
  local sample
  local -a names=()
  for sample in "${NET_DEMO_SAMPLES[@]}"; do names+=("chaincode-$sample"); done
  net_stop 10 "${names[@]}"
}

network_demo() {
  local sample="${1:-}"
  [[ -n $sample && $sample != -* ]] || die "demo: name a sample: ${NET_DEMO_SAMPLES[*]}"
  shift
  [[ -n $(net_demo_project "$sample") ]] || die "demo: unknown sample '$sample' (samples: ${NET_DEMO_SAMPLES[*]})"
  net_parse demo "$@"
  net_load || die "no network in $NET_RUN (no network.env); start one with ./fabricish up$(net_run_arg)"
  ! net_netns || die "demo runs on loopback networks; the network in $NET_RUN uses --hosts netns"
  local stopped
  stopped="$(net_stopped | xargs)"
  [[ -z $stopped ]] || die "the network in $NET_RUN is not fully running (stopped: $stopped); ./fabricish up$(net_run_arg) starts it"
  net_build Cli fabricish && NET_CLI_DLL="$BUILT_DLL"
  require node "install Node.js 20"
  net_demo_deploy "$sample"
  # shellcheck source=/dev/null
  source "$ROOT/tools/network/demo/$sample.sh"
  DEMO_CC="$sample"
  DEMO_DIR="$NET_ARTIFACTS/demo"
  mkdir -p "$DEMO_DIR"
  "demo_$sample"
  printf '\n\033[1mdemo %s: every step behaved.\033[0m\n' "$sample"
}

# A loopback port nothing listens on, from the kernel.
net_demo_free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Builds the sample, packages it once (its port is fixed by the package's connection.json), starts its service and
# deploys it through the lifecycle as up deploys asset-transfer.
net_demo_deploy() {
  local sample="$1" project dll pkg port label="${1}_1.0" component="chaincode-$1" out
  project="$(net_demo_project "$sample")"
  log "building samples/$sample"
  net_build "samples/$sample" "$project" "$project.csproj" && dll="$BUILT_DLL"
  pkg="$NET_ARTIFACTS/$sample.tar.gz"
  if [[ ! -f $pkg || ! -f $NET_ARTIFACTS/$sample.port ]]; then
    port="$(net_demo_free_port)"
    rm -f "$pkg"
    out="$(net_cli lifecycle chaincode package "$pkg" --label "$label" --address "127.0.0.1:$port" 2>&1)" ||
      die "packaging $sample failed: $out"
    echo "$port" >"$NET_ARTIFACTS/$sample.port"
  fi
  port="$(cat "$NET_ARTIFACTS/$sample.port")"
  NET_PACKAGE_ID="$label:$(sha256sum "$pkg" | cut -d' ' -f1)"
  if ! net_alive "$component"; then
    log "starting the $sample chaincode service on 127.0.0.1:$port ($NET_PACKAGE_ID)"
    net_start "$component" "$NET_DATA/$component" env "${NET_DOTNET_ENV[@]}" \
      "CHAINCODE_SERVER_ADDRESS=127.0.0.1:$port" "CHAINCODE_ID=$NET_PACKAGE_ID" dotnet "$dll"
    net_wait "the $sample chaincode service to listen on 127.0.0.1:$port" "$component" -- net_port_in_use "$port"
  fi
  NET_CHAINCODE_NAME="$sample"
  NET_CHAINCODE_VERSION=1.0
  # A sample with private data collections ships Fabric's collections JSON beside its project.
  NET_COLLECTIONS_CONFIG=""
  [[ ! -f $ROOT/samples/$sample/collections_config.json ]] || NET_COLLECTIONS_CONFIG="$ROOT/samples/$sample/collections_config.json"
  if net_lifecycle_committed; then
    log "$sample is already committed on $NET_CHANNEL"
  else
    net_lifecycle_deploy
  fi
}

demo_step() { printf '\n\033[1m--- %s\033[0m\n' "$*"; }

demo_fail() {
  printf 'fabricish demo %s: %s\n' "$DEMO_CC" "$*" >&2
  exit 1
}

# The chaincode call as the CLI's -c JSON, with every argument escaped (attestations and PEMs hold quotes and newlines).
demo_ctor() { node -e 'const [f,...a]=process.argv.slice(1);console.log(JSON.stringify({function:f,Args:a}))' -- "$@"; }

# demo_invoke <org> <user> <function> args...: must commit VALID; sets DEMO_OUT.
demo_invoke() {
  local org="$1" user="$2"
  shift 2
  printf '%s (%s of %s) invokes %s\n' "$DEMO_CC" "$user" "$(net_org_msp_id "$org")" "$1"
  DEMO_OUT="$(net_cli_as "$org" "$user" chaincode invoke -C "$NET_CHANNEL" -n "$DEMO_CC" -c "$(demo_ctor "$@")" 2>&1)" ||
    demo_fail "$1 as $user of $org failed: $DEMO_OUT"
  grep -E '^(txid|validation code):' <<<"$DEMO_OUT" | sed 's/^/    /'
}

# demo_refused <expected message part> <org> <user> <function> args...: must fail, saying why.
demo_refused() {
  local expected="$1" org="$2" user="$3"
  shift 3
  if DEMO_OUT="$(net_cli_as "$org" "$user" chaincode invoke -C "$NET_CHANNEL" -n "$DEMO_CC" -c "$(demo_ctor "$@")" 2>&1)"; then
    demo_fail "$1 as $user of $org was accepted but must be refused ($expected): $DEMO_OUT"
  fi
  [[ $DEMO_OUT == *"$expected"* ]] || demo_fail "$1 as $user of $org failed, but not with '$expected': $DEMO_OUT"
  printf '    refused as expected: %s\n' "$(grep -F -- "$expected" <<<"$DEMO_OUT" | head -1 | sed 's/^ *//')"
}

# demo_query <org> <function> args...: evaluates as the org's User1; sets DEMO_OUT to the payload.
demo_query() {
  local org="$1"
  shift
  DEMO_OUT="$(net_cli_as "$org" User1 chaincode query -C "$NET_CHANNEL" -n "$DEMO_CC" -c "$(demo_ctor "$@")" 2>&1)" ||
    demo_fail "query $1 through $(net_org_peer "$org") failed: $DEMO_OUT"
  printf '    %s through %s: %s\n' "$1" "$(net_org_peer "$org")" "$DEMO_OUT"
}

# demo_wait_until <unix time> <what>: sleeps past that second, saying why.
demo_wait_until() {
  local target="$1" what="$2" now
  now="$(date -u +%s)"
  if ((target > now)); then
    printf '    waiting %ss for %s\n' "$((target - now))" "$what"
    sleep "$((target - now + 1))"
  fi
}

# demo_expect <text> <part> <what>: the text must hold the part.
demo_expect() { [[ $1 == *"$2"* ]] || demo_fail "$3: expected '$2' in $1"; }

# A JSON field of the JSON text on stdin, e.g. demo_json terms_hash.
demo_json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v=JSON.parse(s);for(const k of process.argv[1].split("."))v=v[k];console.log(typeof v==="object"?JSON.stringify(v):String(v))})' "$1"; }
