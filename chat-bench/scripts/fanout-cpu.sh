#!/usr/bin/env bash
# One fanout workload on a fresh chat server, with the server's CPU per thread (issue 18, rounds seven to nine).
# Usage: chat-bench/scripts/fanout-cpu.sh JARDIR OUT [fanout options...]   (JARDIR: a tree after ./mvnw -DskipTests package)
#   WARM=20 fanout-cpu.sh . /tmp/p1000 --clients 1000 --senders 10 --rate 200     # paced, 1000 clients
#   WARM=20 fanout-cpu.sh . /tmp/p100  --clients 100 --senders 10 --rate 1000     # paced, 100 clients
#   WARM=20 fanout-cpu.sh . /tmp/u100  --clients 100 --senders 10 --window 1000   # pipelining, 100 clients
# A warm run of WARM seconds (default 30), then a measured run; the server's per-thread CPU (from /proc/PID/task)
# and its store commits (chat_store_commit_seconds from /metrics) are read over 6 s in the middle of it.
# PERF=1 also records `perf record -g` over those 6 s into OUT/perf.data (start the server with
# JVMARGS="-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer" for Java frames).
# JVMARGS: the server JVM's options (default -Xmx2g); SRVARGS: more server options; GEN_WARMUP_S: the generator's own warm-up
# (default 15; 40 leaves out the JIT's recompiling after the measured run's clients log in again, round fifteen);
# DURATION_S: the measured run (default 10) and MEASURE_S: the CPU window within it (default 6).
set -u
J=$1; OUT=$2; shift 2; mkdir -p $OUT
BENCH="java -jar $J/chat-bench/target/chat-bench.jar"
DATA=$(mktemp -d); CP=28931
java ${JVMARGS:--Xmx2g} -jar $J/chat-server/target/chat-server.jar --host 127.0.0.1 --port $CP --irc-port 28932 --http-port 28939 \
  --data-dir "$DATA" --rate 1000000 --burst 1000000 --room-op-rate 100000 --room-op-burst 100000 \
  --registrations-per-minute 1000000 --max-connections-per-address 100000 ${SRVARGS:-} > "$OUT/server.log" 2>&1 &
SRV=$!
for i in $(seq 1 120); do grep -q "listening" "$OUT/server.log" && break; sleep 0.5; done
TOK="--token-cache $OUT/tokens.properties"
$BENCH fanout --port $CP $TOK --out $OUT/warm --label warm "$@" --duration-s ${WARM:-30} --warmup-s 3 > $OUT/warm.txt 2>&1
snap() { for t in /proc/$SRV/task/*; do echo "$(cat $t/comm | tr ' ' _) $(awk '{print $14+$15}' $t/stat)"; done | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' | sort; }
curl -s localhost:28939/metrics | grep -E "^chat_store_commit_seconds_(count|sum)" > $OUT/m0
$BENCH fanout --port $CP $TOK --out $OUT/meas --label meas "$@" --duration-s ${DURATION_S:-10} --warmup-s ${GEN_WARMUP_S:-15} > $OUT/meas.txt 2>&1 &
B=$!
sleep $(( ${GEN_WARMUP_S:-15} + 3 )); snap > $OUT/t0; curl -s localhost:28939/metrics | grep -E "^chat_store_commit_seconds_(count|sum)" > $OUT/m0; T0=$(date +%s%N)
if [ -n "${PERF:-}" ]; then perf record -F 999 -g -p $SRV -o $OUT/perf.data -- sleep ${MEASURE_S:-6} 2>/dev/null; else sleep ${MEASURE_S:-6}; fi; snap > $OUT/t1; curl -s localhost:28939/metrics | grep -E "^chat_store_commit_seconds_(count|sum|max)" > $OUT/m1; T1=$(date +%s%N)
wait $B
python3 - $OUT $T0 $T1 <<'PY'
import sys
out,t0,t1=sys.argv[1],int(sys.argv[2]),int(sys.argv[3]); dt=(t1-t0)/1e9
a=dict(l.split() for l in open(out+'/t0') if len(l.split())==2); b=dict(l.split() for l in open(out+'/t1') if len(l.split())==2)
tot=0
for k in sorted(b):
    d=(int(b[k])-int(a.get(k,0)))/dt
    tot+=d
    if d>=1: print(f"  {k:30s} {d:6.1f}%")
print(f"  total {tot:.1f}% over {dt:.1f}s")
def m(f): return {l.split()[0].split('{')[0]:float(l.split()[1]) for l in open(f)}
x=m(out+'/m0'); y=m(out+'/m1')
c=y['chat_store_commit_seconds_count']-x['chat_store_commit_seconds_count']; s=y['chat_store_commit_seconds_sum']-x['chat_store_commit_seconds_sum']
if c: print(f"  commits/s {c/dt:.1f}  mean commit {1000*s/c:.2f} ms  max {1000*y.get('chat_store_commit_seconds_max',0):.1f} ms  writer busy {100*s/dt:.0f}%")
PY
grep -E "deliveries|p50|p99|acks" $OUT/meas.txt | head -5
kill $SRV; wait $SRV 2>/dev/null; rm -rf "$DATA"
