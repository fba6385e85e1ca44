package chatroom.server.cluster;

/** No other nodes: events stay here. The default. */
public final class SingleNode implements Cluster {

    @Override
    public String nodeId() {
        return "single";
    }

    @Override
    public void start(Listener listener) {
    }

    @Override
    public void publish(ClusterEvent event) {
    }

    @Override
    public void localUserOnline(String userKey, String name) {
    }

    @Override
    public void localUserOffline(String userKey) {
    }

    @Override
    public String describe() {
        return "single node";
    }

    @Override
    public boolean healthy() {
        return true;
    }

    @Override
    public void close() {
    }
}
