# Sourced by login-storms.sh and warm-token-storms.sh: the server both storm scripts start, and its CPU per thread.
# start_storm_server JARDIR OUT: a fresh server on 127.0.0.1:28961 with the per-address limits lifted (the storms
# measure logins, not those limits), JVMARGS and SRVARGS added; sets SRV (its pid) and DATA (its data directory).
start_storm_server() {
  DATA=$(mktemp -d)
  java ${JVMARGS:-} -jar $1/chat-server/target/chat-server.jar --host 127.0.0.1 --port 28961 --http-port -1 --no-irc \
       --data-dir $DATA --registrations-per-minute 1000000 --max-connections-per-address 20000 \
       --login-checks-per-address 100000 ${SRVARGS:-} > $2/server.log 2>&1 &
  SRV=$!
  for i in $(seq 1 60); do grep -q "listening" $2/server.log && break; sleep 0.5; done
}
# thread_cpu: "thread-name ticks" per thread name of the server (utime + stime, 1/100 s), summed over same-named threads.
thread_cpu() { for t in /proc/$SRV/task/*; do echo "$(cat $t/comm | tr ' ' _) $(awk '{print $14+$15}' $t/stat)"; done | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' | sort; }
# cpu_between BEFORE AFTER: the threads that used more than 50 ms between two thread_cpu files.
cpu_between() { join $1 $2 | awk '$3-$2>5 {print "   ", $1, ($3-$2)*10, "ms"}'; }
stop_storm_server() { kill $SRV; wait $SRV 2>/dev/null; rm -rf $DATA; }
