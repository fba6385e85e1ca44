#!/usr/bin/env bash
# Token login storms against a warm generator (issue 18, round eleven): one server, one unmeasured run that makes the
# 500 accounts and caches their tokens, then ONE generator process that makes N storms of 19,000 token logins in a row
# (chat-bench logins --token-storms N), so that its last storms meet a generator whose JIT is warm.
# Usage: chat-bench/scripts/warm-token-storms.sh JARDIR OUT   (JARDIR: a tree after ./mvnw -DskipTests package)
# CLIENTS (default 19000) per storm over ACCOUNTS (default 500): with an account per client, every login is announced
# to every session already in (presence), which the default hides.
# N (default 8) storms: the C2 compilers of server and generator settle during the first three. SRVARGS: more server
# options. Prints each storm's logins/s and the server's CPU per thread over all N storms, and writes the kernel's TCP
# counters over them (nstat) to OUT/nstat.txt: a storm with TcpExtTCPSynRetrans above zero had clients wait a second
# for a retransmitted SYN. The last line says how many packets connection tracking dropped (a full table drops SYNs:
# the cause of those retransmits here). UNTRACK=1 (root) exempts the server's port from tracking (storm-server.sh).
# SRVPERF=1 / GENPERF=1 record `perf record -g` of the server / generator into OUT/srv.data / OUT/gen.data (with
# JVMARGS / GENJVM="-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer" for Java frames).
set -u
J=$1; OUT=$2; mkdir -p $OUT
. "$(dirname "$0")/storm-server.sh"
start_storm_server $J $OUT
$GEN_JAVA -jar $J/chat-bench/target/chat-bench.jar logins --port $STORM_PORT --registering 0 --reconnecting ${CLIENTS:-19000} \
     --token-accounts ${ACCOUNTS:-500} --source-addresses 64 --token-cache $OUT/tokens.properties --out $OUT/prep > $OUT/prep.txt 2>&1
nstat -n >/dev/null 2>&1; d0=$(conntrack_drops)
thread_cpu > $OUT/t0
$GEN_JAVA ${GENJVM:-} -jar $J/chat-bench/target/chat-bench.jar logins --port $STORM_PORT --registering 0 --reconnecting ${CLIENTS:-19000} \
     --token-accounts ${ACCOUNTS:-500} --token-storms ${N:-8} --source-addresses 64 --token-cache $OUT/tokens.properties --out $OUT/g > $OUT/g.txt 2>&1 &
GEN=$!
[ -n "${SRVPERF:-}" ] && (perf record -F 999 -g -p $SRV -o $OUT/srv.data >/dev/null 2>&1 &)
[ -n "${GENPERF:-}" ] && (perf record -F 499 -g -p $GEN -o $OUT/gen.data >/dev/null 2>&1 &)
wait $GEN
nstat > $OUT/nstat.txt 2>/dev/null
thread_cpu > $OUT/t1; echo "server CPU per thread over the ${N:-8} storms:"; cpu_between $OUT/t0 $OUT/t1
stop_storm_server
echo "logins/s per storm: $(grep logins_per_s $OUT/g.txt | awk '{print $2}' | tr '\n' ' ')"
grep -h TCPSynRetrans $OUT/nstat.txt
conntrack_report $d0
