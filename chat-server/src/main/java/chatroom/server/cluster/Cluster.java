package chatroom.server.cluster;

import chatroom.server.limits.SharedCounters;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How this node reaches the other nodes: {@link SingleNode} when there are none, {@link RedisCluster}
 * otherwise. Nothing here blocks its caller; a failure to reach the others is logged, never thrown.
 */
public interface Cluster extends AutoCloseable {

    /** What the cluster tells this node: events of other nodes, and what to do after an outage. */
    interface Listener {

        /** An event of another node, in the order that node published it. */
        void remote(ClusterEvent event);

        /**
         * The nodes' messaging was down and is back: events of that time may be lost, so memory and
         * delivery catch up from the store.
         */
        void reconnected();

        /**
         * The users online on each other node, read afresh (nodes that stopped are gone from it);
         * the read began at {@code readStartedNanos} ({@link System#nanoTime}), so online and
         * offline events applied since are newer than it.
         */
        void remoteUsers(Map<String, Map<String, String>> usersByNode, long readStartedNanos);
    }

    String nodeId();

    /** Starts listening; events of other nodes from now on reach {@code listener}. */
    void start(Listener listener);

    /** Tells the other nodes of an event of this node. */
    void publish(ClusterEvent event);

    /** A user's first session on this node began ({@code name}: display name). */
    void localUserOnline(String userKey, String name);

    /** A user's last session on this node ended. */
    void localUserOffline(String userKey);

    /**
     * Whether messages reach this node only for the rooms and users it subscribed to
     * ({@link #subscribeRoom}, {@link #subscribeUser}); false when every message reaches every node
     * (or there are no other nodes).
     */
    default boolean subscribesPerRoom() {
        return false;
    }

    /**
     * From now on, the messages of the room (its key) reach this node.
     *
     * @return completes when the other nodes' messages published from now on reach this node;
     *     fails when the cluster cannot be reached
     */
    default CompletableFuture<Void> subscribeRoom(String roomKey) {
        return CompletableFuture.completedFuture(null);
    }

    /** The room's messages no longer need to reach this node. */
    default void unsubscribeRoom(String roomKey) {
    }

    /** As {@link #subscribeRoom}, for the direct messages to and from a user (its key). */
    default CompletableFuture<Void> subscribeUser(String userKey) {
        return CompletableFuture.completedFuture(null);
    }

    /** As {@link #unsubscribeRoom}, for a user's direct messages. */
    default void unsubscribeUser(String userKey) {
    }

    /** Committed messages (room and direct) the cluster sent to this node so far, its own included. */
    default long messagesReceived() {
        return 0;
    }

    /**
     * The counters every node shares, so that registration and login limits hold for the cluster as
     * a whole; {@link SharedCounters#NONE} when there are no other nodes.
     */
    default SharedCounters counters() {
        return SharedCounters.NONE;
    }

    /** For /health: whether the other nodes can be reached, and how. */
    String describe();

    boolean healthy();

    @Override
    void close();
}
