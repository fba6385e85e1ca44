#!/usr/bin/env bash
# Token login storms against a warm generator (issue 18, round eleven): one server, one unmeasured run that makes the
# 500 accounts and caches their tokens, then ONE generator process that makes N storms of 19,000 token logins in a row
# (chat-bench logins --token-storms N), so that its last storms meet a generator whose JIT is warm.
# Usage: chat-bench/scripts/warm-token-storms.sh JARDIR OUT   (JARDIR: a tree after ./mvnw -DskipTests package)
# N (default 6) storms; SRVARGS: more server options; prints each storm's logins/s, the server's CPU per thread over
# all N storms, and writes the kernel's TCP counters over them (nstat) to OUT/nstat.txt: a storm with TcpExtTCPSynRetrans
# above zero had clients wait a second for a retransmitted SYN.
# SRVPERF=1 / GENPERF=1 record `perf record -g` of the server / generator into OUT/srv.data / OUT/gen.data (with
# JVMARGS / GENJVM="-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer" for Java frames).
set -u
J=$1; OUT=$2; mkdir -p $OUT; DATA=$(mktemp -d)
java ${JVMARGS:-} -jar $J/chat-server/target/chat-server.jar --host 127.0.0.1 --port 28961 --http-port -1 --no-irc \
     --data-dir $DATA --registrations-per-minute 1000000 --max-connections-per-address 20000 \
     --login-checks-per-address 100000 ${SRVARGS:-} > $OUT/server.log 2>&1 &
SRV=$!
for i in $(seq 1 60); do grep -q "listening" $OUT/server.log && break; sleep 0.5; done
java -Xmx3g -jar $J/chat-bench/target/chat-bench.jar logins --port 28961 --registering 0 --reconnecting 19000 \
     --token-accounts 500 --source-addresses 64 --token-cache $OUT/tokens.properties --out $OUT/prep > $OUT/prep.txt 2>&1
snap() { for t in /proc/$SRV/task/*; do echo "$(cat $t/comm | tr ' ' _) $(awk '{print $14+$15}' $t/stat)"; done | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' | sort; }
nstat -n >/dev/null 2>&1
snap > $OUT/t0
java -Xmx3g ${GENJVM:-} -jar $J/chat-bench/target/chat-bench.jar logins --port 28961 --registering 0 --reconnecting 19000 \
     --token-accounts 500 --token-storms ${N:-6} --source-addresses 64 --token-cache $OUT/tokens.properties --out $OUT/g > $OUT/g.txt 2>&1 &
GEN=$!
[ -n "${SRVPERF:-}" ] && (perf record -F 999 -g -p $SRV -o $OUT/srv.data >/dev/null 2>&1 &)
[ -n "${GENPERF:-}" ] && (perf record -F 499 -g -p $GEN -o $OUT/gen.data >/dev/null 2>&1 &)
wait $GEN
nstat > $OUT/nstat.txt 2>/dev/null
snap > $OUT/t1; echo "server CPU per thread over the ${N:-6} storms:"; join $OUT/t0 $OUT/t1 | awk '$3-$2>5 {print "   ", $1, ($3-$2)*10, "ms"}'
kill $SRV; wait $SRV 2>/dev/null; rm -rf $DATA
echo "logins/s per storm: $(grep logins_per_s $OUT/g.txt | awk '{print $2}' | tr '\n' ' ')"
grep -h TCPSynRetrans $OUT/nstat.txt
