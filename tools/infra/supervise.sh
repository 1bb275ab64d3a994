#!/usr/bin/env bash
# Runs one infrastructure server (ZooKeeper, a Kafka broker, pouchdb-server) for a test fixture and
# ties the server's life to the fixture's process.
#   usage: supervise.sh LOGFILE COMMAND [ARGS...]
# The fixture keeps this script's stdin open as a pipe and never writes to it. When the test process
# ends in any way, including SIGKILL of an aborted test run, the pipe reaches EOF and the server is killed,
# so no broker or database outlives the tests. SIGTERM stops the server gracefully (Kafka's
# controlled shutdown); SIGUSR1 SIGKILLs it (a crash) yet lets this script reap it, which leaves no zombie
# behind as killing the whole tree at once would. The script exits with the server's exit code.
set -uo pipefail

log="$1"
shift
exec 3<&0 </dev/null >>"$log" 2>&1

"$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
trap 'kill -KILL "$child" 2>/dev/null' USR1

# A builtin read (not cat) so that killing this subshell leaves no reader behind. An abandoned server is
# killed outright: its data is scratch, and a graceful stop can hang, e.g. a broker whose ZooKeeper is gone.
(
  while IFS= read -r -u 3 _; do :; done
  kill -KILL "$child" 2>/dev/null
) &
watcher=$!
exec 3<&-

rc=0
while :; do
  wait "$child"
  rc=$?
  kill -0 "$child" 2>/dev/null || break
done
kill "$watcher" 2>/dev/null
wait "$watcher" 2>/dev/null
exit "$rc"
