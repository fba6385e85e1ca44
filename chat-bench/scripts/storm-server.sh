# Sourced by login-storms.sh and warm-token-storms.sh: the server both storm scripts start, and its CPU per thread.
# start_storm_server JARDIR OUT: a fresh server on 127.0.0.1:$STORM_PORT with the per-address limits lifted (the storms
# measure logins, not those limits), JVMARGS and SRVARGS added; sets SRV (its pid) and DATA (its data directory).
# With UNTRACK=1 (root), the server's port is exempt from connection tracking for the run (see untrack_port).
STORM_PORT=28961
# The generator's JVM: its heap committed and touched before the storm, not page by page during it (the kernel zeroing
# fresh pages was 5 % of the generator's CPU, on the cores the server needs).
GEN_JAVA=${GEN_JAVA:-java -Xms3g -Xmx3g -XX:+AlwaysPreTouch}
start_storm_server() {
  DATA=$(mktemp -d)
  [ -n "${UNTRACK:-}" ] && untrack_port
  java ${JVMARGS:-} -jar $1/chat-server/target/chat-server.jar --host 127.0.0.1 --port $STORM_PORT --http-port -1 --no-irc \
       --data-dir $DATA --registrations-per-minute 1000000 --max-connections-per-address 20000 \
       --login-checks-per-address 100000 ${SRVARGS:-} > $2/server.log 2>&1 &
  SRV=$!
  for i in $(seq 1 60); do grep -q "listening" $2/server.log && break; sleep 0.5; done
}
# thread_cpu: "thread-name ticks" per thread name of the server (utime + stime, 1/100 s), summed over same-named threads.
thread_cpu() { for t in /proc/$SRV/task/*; do echo "$(cat $t/comm | tr ' ' _) $(awk '{print $14+$15}' $t/stat)"; done | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' | sort; }
# cpu_between BEFORE AFTER: the threads that used more than 50 ms between two thread_cpu files.
cpu_between() { join $1 $2 | awk '$3-$2>5 {print "   ", $1, ($3-$2)*10, "ms"}'; }
stop_storm_server() { kill $SRV; wait $SRV 2>/dev/null; rm -rf $DATA; [ -n "${UNTRACK:-}" ] && track_port_again; true; }

# Connection tracking. Where the kernel tracks connections (Docker's NAT rules load it for all traffic, loopback too),
# every connection holds an entry for nf_conntrack_tcp_timeout_time_wait (120 s) after it closes. Back-to-back storms
# of 19,000 fill nf_conntrack_max (262,144 here); the kernel then drops SYNs and the clients wait a second for a
# retransmit. conntrack_drops prints the packets dropped so far (the "drop" column of /proc/net/stat/nf_conntrack,
# summed over CPUs; 0 where tracking is not loaded).
conntrack_drops() {
  [ -r /proc/net/stat/nf_conntrack ] || { echo 0; return; }
  local sum=0 hex
  for hex in $(awk 'NR > 1 {print $11}' /proc/net/stat/nf_conntrack); do sum=$(( sum + 16#$hex )); done
  echo $sum
}
# conntrack_report BEFORE: one line with the drops since BEFORE and the table's fill, to print after a run.
conntrack_report() {
  local max=$(sysctl -n net.netfilter.nf_conntrack_max 2>/dev/null) count=$(sysctl -n net.netfilter.nf_conntrack_count 2>/dev/null)
  echo "conntrack: $(( $(conntrack_drops) - $1 )) packets dropped during the run; table ${count:-untracked} of ${max:-untracked} entries"
}
# untrack_port / track_port_again: add and remove raw-table NOTRACK rules for loopback traffic to and from the storm
# port only (both directions leave through OUTPUT on loopback), so the run neither fills nor pays the tracking table.
untrack_port() {
  iptables -t raw -I OUTPUT -o lo -p tcp --dport $STORM_PORT -j NOTRACK
  iptables -t raw -I OUTPUT -o lo -p tcp --sport $STORM_PORT -j NOTRACK
}
track_port_again() {
  iptables -t raw -D OUTPUT -o lo -p tcp --dport $STORM_PORT -j NOTRACK
  iptables -t raw -D OUTPUT -o lo -p tcp --sport $STORM_PORT -j NOTRACK
}
