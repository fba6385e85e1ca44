#!/usr/bin/env bash
# Idle memory per connection, two ways (issue 18, round nine), with the small-box flags.
# Usage: chat-bench/scripts/idle-histogram.sh JARDIR OUT   (JARDIR: a tree after ./mvnw -DskipTests package)
# A fresh server, 200 accounts made by `chat-bench connections`, then 2,000 idle connections logged in by token
# (idle-rss.py), and a class histogram of the server while they are open (OUT/histo.txt): Netty's handler
# contexts per connection, and the live heap. `chat-bench connections --connections 19000` gives the heap after
# GC per connection; this gives the objects behind it.
set -u
J=$1; OUT=$2; mkdir -p $OUT; DATA=$(mktemp -d); P=28972
java -XX:+UseSerialGC -Xms16m -Xmx256m -Xss256k -jar $J/chat-server/target/chat-server.jar --host 127.0.0.1 --port $P --http-port -1 --no-irc \
  --data-dir $DATA --registrations-per-minute 1000000 --max-connections-per-address 100000 --login-checks-per-address 100000 > $OUT/server.log 2>&1 &
SRV=$!
for i in $(seq 1 60); do grep -q "listening" $OUT/server.log && break; sleep 0.5; done
rm -f $OUT/tokens.properties
java -jar $J/chat-bench/target/chat-bench.jar connections --port $P --connections 200 --processes 1 \
  --server-pid $SRV --token-cache $OUT/tokens.properties --out $OUT/res > $OUT/bench.txt 2>&1
python3 $(dirname "$0")/idle-rss.py chat --port $P --pid $SRV --tokens $OUT/tokens.properties --stages 0,2000 --settle-s 25 > $OUT/rss.txt 2>&1 &
R=$!
for i in $(seq 1 120); do [ $(ss -tn state established "( sport = :$P )" | wc -l) -gt 2000 ] && break; sleep 1; done
sleep 3; jmap -histo:live $SRV > $OUT/histo.txt
wait $R
kill $SRV; wait $SRV 2>/dev/null; rm -rf $DATA
grep -E "ChannelHandlerContext|IdleStateHandler|IdleTimeoutHandler|EpollSocketChannel$|Total" $OUT/histo.txt; cat $OUT/rss.txt | tail -3
