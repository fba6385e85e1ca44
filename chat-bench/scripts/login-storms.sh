#!/usr/bin/env bash
# Token login storms on one server, with the server's CPU per thread per storm (issue 18, rounds seven to nine).
# Usage: chat-bench/scripts/login-storms.sh JARDIR OUT   (JARDIR: a tree after ./mvnw -DskipTests package)
# Four storms of 19,000 clients logging in by token at once over 500 accounts (the first also registers them and
# caches their tokens). Each storm also prints the packets the kernel's connection tracking dropped (UNTRACK=1 exempts
# the server's port from tracking; see storm-server.sh). GENSTORMS=S: each of the four generator runs makes S storms
# in one process (a warm generator; the last is the reported one). SRVARGS: more server options. PERF=1 records
# `perf record -g` over the fourth storm into OUT/perf.data (with
# JVMARGS="-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer" for Java frames).
set -u
J=$1; OUT=$2; mkdir -p $OUT
. "$(dirname "$0")/storm-server.sh"
start_storm_server $J $OUT
cpu() { awk '{print $14+$15}' /proc/$SRV/stat; }
for s in 0 1 2 3; do
  c0=$(cpu); thread_cpu > $OUT/t0-$s; d0=$(conntrack_drops)
  if [ $s = 3 ] && [ -n "${PERF:-}" ]; then (perf record -F 999 -g -p $SRV -o $OUT/perf.data -- sleep 6 >/dev/null 2>&1 &); fi
  $GEN_JAVA -jar $J/chat-bench/target/chat-bench.jar logins --port $STORM_PORT --registering 0 --reconnecting 19000 \
     --token-accounts 500 --token-storms ${GENSTORMS:-1} --source-addresses 64 --token-cache $OUT/tokens.properties --out $OUT/storm$s > $OUT/storm$s.txt 2>&1
  c1=$(cpu); thread_cpu > $OUT/t1-$s; cpu_between $OUT/t0-$s $OUT/t1-$s
  echo "== storm $s: server CPU $(( (c1-c0) ))0 ms"; grep -E "all_in|logins_per_s|per client|disconnect|latency" $OUT/storm$s.txt | head -6
  conntrack_report $d0
done
stop_storm_server
