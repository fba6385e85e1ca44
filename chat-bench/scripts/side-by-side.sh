#!/usr/bin/env bash
# Side-by-side runs for issue 18: ngircd vs the chat server (JSON and IRC ports), one tool.
# Usage: chat-bench/scripts/side-by-side.sh . OUTDIR   (after ./mvnw -DskipTests package; needs Debian's ngircd)
# Starts the chat server with lifted limits on 127.0.0.1:28931 (chat) and :28932 (IRC), then runs each
# workload against ngircd (started by chat-bench), our JSON port and, for the first, our IRC port. Server CPU
# is read from /proc every 0.5 s; the figure is the busiest 10 s, in % of one core.
# Warm, as issue 18 measured: each workload runs once unmeasured on the same chat server before the measured
# run, for WARM_S seconds (default 30: on this 2-core box, under load, C2 compiles for 25-30 s after the start;
# a 13 s warm run left it at 44-60 % of a core in the measured window). WARM=0 skips it. ngircd (C, no JIT) is
# started fresh per run. Each measured run starts a new load generator JVM, which warms up itself for
# GEN_WARMUP_S seconds (default 15) before measuring, whichever server it measures: with 3 s the generator was
# still compiling and neither server was busy (ngircd at 66 %, ours at 80 % of a core on u100).
# OUT/plots/ROW.png: each paced row's latency curves, ngircd's and ours, on one chart (chat-bench compare).
# SERVER_ARGS adds options to the chat server (e.g. SERVER_ARGS="--transport io_uring").
set -u
J=$1; OUT=$2; mkdir -p "$OUT"
BENCH="java -jar $J/chat-bench/target/chat-bench.jar"
TOKENS="--token-cache $OUT/tokens.properties" # one cache for every run: after the first, logins are by token (no hash)
DATA=$(mktemp -d); CP=28931; IP=28932
java -Xmx2g -jar $J/chat-server/target/chat-server.jar --host 127.0.0.1 --port $CP --irc-port $IP --http-port -1 \
  --data-dir "$DATA" --rate 1000000 --burst 1000000 --room-op-rate 100000 --room-op-burst 100000 \
  --registrations-per-minute 1000000 --max-connections-per-address 100000 ${SERVER_ARGS:-} > "$OUT/server.log" 2>&1 &
SRV=$!
for i in $(seq 1 120); do grep -q "listening on irc" "$OUT/server.log" && break; sleep 0.5; done
# cpu sampler: prints "epoch_ms utime+stime_ticks" of PID every 0.5 s
sample() { local pid=$1 f=$2; while kill -0 $pid 2>/dev/null; do
  echo "$(date +%s%3N) $(awk '{print $14+$15}' /proc/$pid/stat 2>/dev/null)" >> $f; sleep 0.5; done; }
# busiest 10 s of a sample file, in % of one core (100 ticks/s)
busiest() { python3 - "$1" <<'PY'
import sys
rows=[tuple(map(int,l.split())) for l in open(sys.argv[1]) if len(l.split())==2]
best=0
for i,(t0,c0) in enumerate(rows):
    for t1,c1 in rows[i+1:]:
        if t1-t0>=10000:
            best=max(best,(c1-c0)/((t1-t0)/1000)); break
print(round(best,1))
PY
}
run() { # name server(ngircd|json|irc) args...
  local name=$1 who=$2; shift 2
  local cpu="$OUT/$name.cpu"; : > "$cpu"
  if [ "${WARM:-1}" != 0 ]; then case $who in
    json) $BENCH fanout --port $CP $TOKENS --out "$OUT/warm" --label warm "$@" $WW > "$OUT/$name.warm.txt" 2>&1;;
    irc)  $BENCH fanout --protocol irc --port $IP --account-port $CP $TOKENS --out "$OUT/warm" --label warm "$@" $WW > "$OUT/$name.warm.txt" 2>&1;;
  esac; fi
  case $who in
    json) sample $SRV "$cpu" & S=$!; $BENCH fanout --port $CP $TOKENS --out "$OUT/$name" --label $name "$@" $W > "$OUT/$name.txt" 2>&1; kill $S;;
    irc)  sample $SRV "$cpu" & S=$!; $BENCH fanout --protocol irc --port $IP --account-port $CP $TOKENS --out "$OUT/$name" --label $name "$@" $W > "$OUT/$name.txt" 2>&1; kill $S;;
    ngircd) $BENCH fanout --protocol irc --start-ngircd --out "$OUT/$name" --label $name "$@" $W > "$OUT/$name.txt" 2>&1 & B=$!
       local p=""; for i in $(seq 1 100); do p=$(pgrep -n -x ngircd) && break; sleep 0.1; done
       [ -n "$p" ] && sample $p "$cpu"; wait $B;;
  esac
  echo "== $name ($who) load $(cut -d' ' -f1 /proc/loadavg) server-cpu-busiest10s% $(busiest "$cpu")"; grep -E "deliveries|p50|p99|acks|error" "$OUT/$name.txt" | head -6
}
W="--duration-s 10 --warmup-s ${GEN_WARMUP_S:-15}"; WW="--duration-s ${WARM_S:-30} --warmup-s 3"
for who in ngircd json irc; do run "u100-$who" $who --clients 100 --senders 10 --window 1000; done
for who in ngircd json; do run "u1000-$who" $who --clients 1000 --senders 10 --window 100; done
for who in ngircd json; do run "p1000r200-$who" $who --clients 1000 --senders 10 --rate 200; done
for who in ngircd json; do run "p100r1000-$who" $who --clients 100 --senders 10 --rate 1000; done
# the paced rows' latency curves, ngircd's and ours on one chart each (the pipelining rows' latency is queueing)
mkdir -p "$OUT/plots"
for row in p1000r200 p100r1000; do
  $BENCH compare --png "$OUT/plots/$row.png" --title "$row: send -> member receipt" \
    "ngircd=$OUT/$row-ngircd" "chatroom=$OUT/$row-json" | tee "$OUT/plots/$row.txt"
done
kill $SRV; wait $SRV 2>/dev/null; rm -rf "$DATA"
