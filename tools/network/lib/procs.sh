# Background processes that outlive `up`: each runs in its own session (so its whole process group can be signalled),
# detached from the caller's terminal and output, logging to <run>/logs/<name>.log. <run>/pids/<name>.pid holds
# "<pid> <start time>": the start time (from /proc) keeps a recycled pid from being taken for the component.

# Start time of a process in clock ticks since boot (field 22 of /proc/PID/stat; the command name may hold spaces).
net_start_time() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  # shellcheck disable=SC2086
  set -- $stat
  # $1 is the state (field 3): a zombie has finished.
  [[ $1 != Z ]] || return 1
  echo "${20}"
}

net_pid_file() { echo "$NET_RUN/pids/$1.pid"; }
net_log_file() { echo "$NET_RUN/logs/$1.log"; }

# Pid of the component when it runs, otherwise nothing (status 1).
net_pid() {
  local f pid started now
  f="$(net_pid_file "$1")"
  [[ -f $f ]] || return 1
  read -r pid started <"$f" || true
  [[ -n ${pid:-} ]] || return 1
  now="$(net_start_time "$pid")" || return 1
  [[ $now == "$started" ]] || return 1
  echo "$pid"
}

net_alive() { net_pid "$1" >/dev/null; }

# Components this command started, so a failure stops those and leaves alone what already ran.
NET_STARTED=()

# net_start <name> <working folder> <command...>; a component that already runs is left as it is.
net_start() {
  local name="$1" dir="$2" log pid
  shift 2
  if pid="$(net_pid "$name")"; then
    log "$name already runs (pid $pid)"
    return 0
  fi
  NET_STARTED+=("$name")
  mkdir -p "$dir" "$NET_RUN/logs" "$NET_RUN/pids"
  log="$(net_log_file "$name")"
  printf '==== %s: starting %s\n' "$(date -u +%FT%TZ)" "$name" >>"$log"
  # Not a process group leader (no job control here), so setsid makes this very process the leader of a new session.
  # With --hosts netns, ip netns exec enters the component's namespace and execs the same command line (same pid).
  local -a host=()
  if net_netns; then host=(ip netns exec "$(net_ns_of "$name")"); fi
  (cd "$dir" && exec setsid nohup "${host[@]}" "$@" >>"$log" 2>&1 </dev/null) &
  pid=$!
  echo "$pid $(net_start_time "$pid")" >"$(net_pid_file "$name")"
}

# net_stop <timeout seconds> <name...>: SIGTERM to each running component's process group, SIGKILL to the groups still
# there after the timeout. Components of one tier stop together.
net_stop() {
  local timeout="$1" name pid deadline
  shift
  local -A pids=()
  for name in "$@"; do
    if pid="$(net_pid "$name")"; then
      pids[$name]=$pid
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  deadline=$((SECONDS + timeout))
  while ((${#pids[@]})); do
    for name in "${!pids[@]}"; do
      if ! net_group_alive "${pids[$name]}"; then
        unset "pids[$name]"
      fi
    done
    ((${#pids[@]})) || break
    if ((SECONDS >= deadline)); then
      for name in "${!pids[@]}"; do
        log "$name did not stop within ${timeout}s: killing it"
        kill -KILL -- "-${pids[$name]}" 2>/dev/null || kill -KILL "${pids[$name]}" 2>/dev/null || true
      done
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  for name in "$@"; do rm -f "$(net_pid_file "$name")"; done
}

# Any live (non-zombie) process left in the group the component leads.
net_group_alive() {
  local p
  for p in $(pgrep -g "$1" 2>/dev/null); do
    if net_start_time "$p" >/dev/null; then return 0; fi
  done
  return 1
}

# Stops every component, top of the stack first: clients of a tier go before the tier they use.
net_stop_all() { net_stop_all_of "${NET_COMPONENTS[@]}"; }

# net_stop_all_of <name...>: those components, tier by tier as net_stop_all.
net_stop_all_of() {
  local -a tier
  mapfile -t tier < <(net_among "$*" "${NET_PEERS[@]}" "$NET_CHAINCODE")
  net_stop 15 "${tier[@]}"
  mapfile -t tier < <(net_among "$*" "${NET_ORDERERS[@]}" "${NET_COUCHES[@]}")
  net_stop 15 "${tier[@]}"
  # Kafka's controlled shutdown hands leaderships over; the last broker gives up after its retries.
  mapfile -t tier < <(net_among "$*" kafka0 kafka1 kafka2)
  net_stop 30 "${tier[@]}"
  mapfile -t tier < <(net_among "$*" zookeeper)
  net_stop 15 "${tier[@]}"
}

# net_among "<names>" <candidate...>: the candidates that are among the space-separated names, one a line.
net_among() {
  local names=" $1 " c
  shift
  for c in "$@"; do if [[ $names == *" $c "* ]]; then echo "$c"; fi; done
}

# Names of the components that run / that do not.
net_running() { local n; for n in "${NET_COMPONENTS[@]}"; do if net_alive "$n"; then echo "$n"; fi; done; }
net_stopped() { local n; for n in "${NET_COMPONENTS[@]}"; do if ! net_alive "$n"; then echo "$n"; fi; done; }
