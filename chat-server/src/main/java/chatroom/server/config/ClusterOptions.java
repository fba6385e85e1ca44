package chatroom.server.config;

import chatroom.server.config.ServerConfig.Cluster;
import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/** The command-line options of cluster mode, {@link Cluster} (a picocli mixin of the server command). */
public final class ClusterOptions {

    @Option(names = "--cluster", paramLabel = "REDIS_URI", defaultValue = "${env:CHAT_CLUSTER}",
            description = "Run as one node of a cluster: share events through this Redis (redis://HOST:PORT), "
                    + "or through the master that these Redis Sentinels name, followed across failovers "
                    + "(redis-sentinel://HOST:PORT[,HOST:PORT...]/?sentinelMasterId=NAME); needs --store [CHAT_CLUSTER].")
    String redisUri;

    @Option(names = "--node-id", defaultValue = "${env:CHAT_NODE_ID}",
            description = "This node's name in the cluster; default: host name and process id [CHAT_NODE_ID].")
    String nodeId;

    @Option(names = "--cluster-hold-ms",
            defaultValue = "${env:CHAT_CLUSTER_HOLD_MS:-" + ServerConfig.DEFAULT_CLUSTER_HOLD_MS + "}",
            description = "How long a message that arrived ahead of a gap waits before the gap is read from "
                    + "the store [CHAT_CLUSTER_HOLD_MS]. Default: ${DEFAULT-VALUE}")
    int clusterHoldMs;

    /** This node's place in a cluster, or null on a single node. */
    public Cluster toCluster() {
        if (redisUri == null || redisUri.isBlank()) {
            return null;
        }
        return new Cluster(redisUri, nodeId == null || nodeId.isBlank() ? defaultNodeId() : nodeId, clusterHoldMs);
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
