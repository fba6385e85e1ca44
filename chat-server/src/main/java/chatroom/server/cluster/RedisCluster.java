package chatroom.server.cluster;

import chatroom.server.store.Names;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes of a cluster share events through Redis (with Lettuce, a Netty-based client):
 * <ul>
 *   <li>every event is published as JSON and applied by the nodes that receive it. A committed
 *   message goes only to the nodes that need it: a room's on {@code chatroom:msg:ROOMKEY}, a direct
 *   message on {@code chatroom:dm:USERKEY} of both parties, and a node subscribes to those channels
 *   while it has a session of a member, or of the user ({@link RoomSubscriptions}). Everything else
 *   every node keeps in memory, so it goes to all of them: events of a room on
 *   {@code chatroom:room:KEY}, of a user on {@code chatroom:user:KEY} (both pattern subscriptions)
 *   and of the nodes on {@code chatroom:cluster};</li>
 *   <li>the users online on a node are a hash {@code chatroom:node:ID} that expires unless the node
 *   renews it, and live nodes are a sorted set {@code chatroom:nodes} by heartbeat: a node that
 *   crashed drops out of both within {@link #NODE_TTL};</li>
 *   <li>presence travels as deltas (online and offline events); each node also publishes the
 *   {@link OnlineDigest} of its hash ({@code chatroom:nodesum:ID}), and the heartbeat re-reads
 *   another node's hash only when that digest differs from this node's view of it (a lost
 *   event), so a quiet cluster reads no lists.</li>
 * </ul>
 * Redis pub/sub is at-most-once: while Redis is unreachable, events are lost (messages stay stored
 * and acknowledged). When the subscription comes back, the node catches up from the store.
 */
public final class RedisCluster implements Cluster {

    private static final Logger log = LoggerFactory.getLogger(RedisCluster.class);
    static final String PREFIX = "chatroom:";
    static final String NODES = PREFIX + "nodes";
    /** Events about the nodes themselves. */
    static final String CLUSTER_CHANNEL = PREFIX + "cluster";
    /** A room's committed messages, followed by {@code ROOMKEY}: only nodes with a member's session subscribe. */
    static final String ROOM_MESSAGES = PREFIX + "msg:";
    /** Direct messages to and from a user, followed by {@code USERKEY}: only nodes with the user's session subscribe. */
    static final String USER_MESSAGES = PREFIX + "dm:";
    /** How long a node's online users outlive its last heartbeat. */
    static final Duration NODE_TTL = Duration.ofSeconds(15);
    static final Duration HEARTBEAT = Duration.ofSeconds(3);
    private static final long FAILURE_LOG_INTERVAL_MS = 10_000;
    /** How long a Redis command, or a question to a Sentinel, may take before it fails. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /**
     * How long Lettuce's event loops must see no task before they stop. Not zero: with a quiet
     * period of zero Netty ends a loop right after running its last tasks, so a reconnect attempt's
     * channel registered by those tasks is never closed, and its read buffer never released.
     */
    private static final Duration SHUTDOWN_QUIET = Duration.ofMillis(100);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

    private final String nodeId;
    private final String nodeKey;
    private final String uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final String digestKey;
    /** This node's online users (key → name) and their digest; changed under {@code localUsers}' lock. */
    private final Map<String, String> localUsers = new ConcurrentHashMap<>();
    private OnlineDigest localDigest = OnlineDigest.EMPTY;
    /** The other nodes' online users as last read, kept current by their online and offline events. */
    private final Map<String, Map<String, String>> remoteViews = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chat-cluster-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong lastFailureLog = new AtomicLong();
    private final LongAdder messagesReceived = new LongAdder();
    private final RedisCounters counters;
    private volatile Listener listener;
    private volatile boolean subscribedOnce;
    private volatile boolean heartbeatOk = true;

    private RedisCluster(String uri, String nodeId, ClientResources resources, RedisClient client,
                         StatefulRedisConnection<String, String> commands,
                         StatefulRedisPubSubConnection<String, String> pubsub) {
        this.uri = uri;
        this.nodeId = nodeId;
        this.nodeKey = PREFIX + "node:" + nodeId;
        this.digestKey = digestKey(nodeId);
        this.resources = resources;
        this.client = client;
        this.commands = commands;
        this.pubsub = pubsub;
        this.counters = new RedisCounters(commands, nodeId, System::currentTimeMillis);
    }

    /**
     * Connects to Redis ({@code redis://HOST:PORT}), or to the master that Redis Sentinel names
     * ({@code redis-sentinel://HOST:PORT[,HOST:PORT…]/?sentinelMasterId=NAME}). With Sentinels,
     * every connection of this node (subscription, commands, counters) asks them for the master
     * again each time it reconnects, so after a failover the node follows the promoted replica.
     *
     * @throws IllegalStateException when Redis cannot be reached: a node does not start without it
     */
    public static RedisCluster connect(String uri, String nodeId) {
        RedisURI redisUri;
        try {
            redisUri = RedisURI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the cluster's Redis address " + uri + ": " + e.getMessage(), e);
        }
        redisUri.setTimeout(COMMAND_TIMEOUT);
        // asking a Sentinel that hangs must not take the client's default minute
        redisUri.getSentinels().forEach(sentinel -> sentinel.setTimeout(COMMAND_TIMEOUT));
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1)
                .build();
        RedisClient client = RedisClient.create(resources, redisUri);
        // while Redis is away, publishing fails at once instead of piling up in memory
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        try {
            StatefulRedisConnection<String, String> commands = client.connect();
            StatefulRedisPubSubConnection<String, String> pubsub = client.connectPubSub();
            return new RedisCluster(uri, nodeId, resources, client, commands, pubsub);
        } catch (RedisException e) {
            shutdown(client, resources);
            throw new IllegalStateException("cannot reach the cluster's Redis at " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void start(Listener listener) {
        this.listener = listener;
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                received(message);
            }

            @Override
            public void message(String channel, String message) {
                received(message);
            }

            @Override
            public void psubscribed(String pattern, long count) {
                if (pattern.endsWith("user:*") && subscribedOnce) {
                    // subscribed again after a reconnect: what was published meanwhile is lost
                    log.info("cluster messaging is back at {}; catching up from the store", uri);
                    republishLocalUsers();
                    listener.reconnected();
                    publish(new ClusterEvent.NodeRejoined(nodeId)); // the others may have missed what we published
                }
                subscribedOnce |= pattern.endsWith("user:*");
            }
        });
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == pubsub) {
                    log.warn("lost the cluster's Redis at {}: messages are still stored and acknowledged; "
                            + "other nodes get them when it is back", uri);
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                // re-subscription follows, and with it the catch-up (psubscribed)
            }
        });
        pubsub.sync().psubscribe(PREFIX + "room:*", PREFIX + "user:*", CLUSTER_CHANNEL);
        heartbeats.scheduleWithFixedDelay(this::heartbeat, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One published event: who sent it, and what. */
    record Envelope(String node, ClusterEvent event) {
    }

    private void received(String message) {
        Envelope envelope;
        try {
            envelope = json.readValue(message, Envelope.class);
        } catch (JsonProcessingException e) {
            log.warn("ignored a cluster event that does not parse: {}", e.getOriginalMessage());
            return;
        }
        if (envelope.event() instanceof ClusterEvent.MessageStored) {
            messagesReceived.increment(); // what Redis sent here, this node's own messages included
        }
        if (nodeId.equals(envelope.node()) || envelope.event() == null) {
            return; // applied here already
        }
        track(envelope.event());
        try {
            listener.remote(envelope.event());
        } catch (RuntimeException e) {
            log.error("applying a cluster event failed: {}", envelope.event(), e);
        }
    }

    /** Keeps the view of another node's online users current with its deltas. */
    private void track(ClusterEvent event) {
        if (event instanceof ClusterEvent.UserOnline online) {
            Map<String, String> view = remoteViews.get(online.node());
            if (view != null) {
                view.put(Names.key(online.user()), online.user());
            }
        } else if (event instanceof ClusterEvent.UserOffline offline) {
            Map<String, String> view = remoteViews.get(offline.node());
            if (view != null) {
                view.remove(Names.key(offline.user()));
            }
        }
    }

    static String digestKey(String node) {
        return PREFIX + "nodesum:" + node;
    }

    @Override
    public void publish(ClusterEvent event) {
        try {
            String body = json.writeValueAsString(new Envelope(nodeId, event));
            for (String channel : channels(event)) {
                commands.async().publish(channel, body).exceptionally(error -> {
                    failed("publish", error);
                    return 0L;
                });
            }
        } catch (JsonProcessingException | RuntimeException e) {
            failed("publish", e);
        }
    }

    /** Where an event goes: a message to the nodes that subscribed to it, anything else to every node. */
    static List<String> channels(ClusterEvent event) {
        if (event instanceof ClusterEvent.MessageStored message) {
            if (message.room() != null) {
                // the conversation names the room by its key already; a key's key may differ from it
                return List.of(ROOM_MESSAGES + message.room());
            }
            String from = USER_MESSAGES + Names.key(message.from());
            String to = USER_MESSAGES + Names.key(message.to());
            return from.equals(to) ? List.of(from) : List.of(from, to);
        }
        return List.of(event instanceof ClusterEvent.NodeRejoined ? CLUSTER_CHANNEL
                : event.room() != null ? PREFIX + "room:" + Names.key(event.room())
                : PREFIX + "user:" + Names.key(String.valueOf(event.user())));
    }

    @Override
    public boolean subscribesPerRoom() {
        return true;
    }

    @Override
    public CompletableFuture<Void> subscribeRoom(String roomKey) {
        return subscribe(ROOM_MESSAGES + roomKey);
    }

    @Override
    public void unsubscribeRoom(String roomKey) {
        unsubscribe(ROOM_MESSAGES + roomKey);
    }

    @Override
    public CompletableFuture<Void> subscribeUser(String userKey) {
        return subscribe(USER_MESSAGES + userKey);
    }

    @Override
    public void unsubscribeUser(String userKey) {
        unsubscribe(USER_MESSAGES + userKey);
    }

    /**
     * On the shared pub/sub connection; Lettuce remembers a confirmed channel and subscribes to it
     * again after a reconnect (before the patterns, whose confirmation starts the catch-up).
     */
    private CompletableFuture<Void> subscribe(String channel) {
        try {
            return pubsub.async().subscribe(channel).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void unsubscribe(String channel) {
        try {
            pubsub.async().unsubscribe(channel).exceptionally(error -> {
                failed("unsubscribe", error);
                return null;
            });
        } catch (RuntimeException e) {
            failed("unsubscribe", e);
        }
    }

    @Override
    public void localUserOnline(String userKey, String name) {
        // under the lock, so the digests reach Redis in the order of the changes
        synchronized (localUsers) {
            if (localUsers.put(userKey, name) == null) {
                localDigest = localDigest.plus(userKey);
            }
            try {
                commands.async().hset(nodeKey, userKey, name).exceptionally(error -> {
                    failed("hset", error);
                    return false;
                });
                commands.async().pexpire(nodeKey, NODE_TTL.toMillis());
                writeDigest();
            } catch (RuntimeException e) {
                failed("hset", e);
            }
        }
    }

    /** Publishes this node's digest; the caller holds {@code localUsers}' lock. */
    private void writeDigest() {
        commands.async().set(digestKey, localDigest.toString(), SetArgs.Builder.px(NODE_TTL.toMillis()));
    }

    @Override
    public void localUserOffline(String userKey) {
        synchronized (localUsers) {
            if (localUsers.remove(userKey) != null) {
                localDigest = localDigest.minus(userKey);
            }
            try {
                commands.async().hdel(nodeKey, userKey).exceptionally(error -> {
                    failed("hdel", error);
                    return 0L;
                });
                writeDigest();
            } catch (RuntimeException e) {
                failed("hdel", e);
            }
        }
    }

    /** Renews this node's entry, and reads which users are online on the other live nodes. */
    private void heartbeat() {
        try {
            RedisCommands<String, String> redis = commands.sync();
            long readStarted = System.nanoTime();
            long now = System.currentTimeMillis();
            redis.zadd(NODES, now, nodeId);
            if (!localUsers.isEmpty() && !redis.pexpire(nodeKey, NODE_TTL.toMillis())) {
                republishLocalUsers(); // the hash is gone (Redis restarted, or this node was away too long)
            }
            synchronized (localUsers) {
                writeDigest();
            }
            redis.zremrangebyscore(NODES, Range.create(0, now - NODE_TTL.toMillis()));
            List<String> live = redis.zrangebyscore(NODES, Range.create(now - NODE_TTL.toMillis(), Double.MAX_VALUE));
            counters.nodesSeen(live.size());
            counters.tallies().heartbeat(redis);
            List<String> others = live.stream().filter(node -> !node.equals(nodeId)).toList();
            remoteViews.keySet().retainAll(others);
            Map<String, Map<String, String>> usersByNode = new HashMap<>();
            if (!others.isEmpty()) {
                List<KeyValue<String, String>> digests = redis.mget(
                        others.stream().map(RedisCluster::digestKey).toArray(String[]::new));
                for (int i = 0; i < others.size(); i++) {
                    String node = others.get(i);
                    OnlineDigest published = OnlineDigest.parse(digests.get(i).getValueOrElse(null));
                    Map<String, String> view = remoteViews.get(node);
                    if (view == null || published == null || !published.equals(OnlineDigest.of(view.keySet()))) {
                        view = new ConcurrentHashMap<>(redis.hgetall(PREFIX + "node:" + node));
                        remoteViews.put(node, view);
                    }
                    usersByNode.put(node, new HashMap<>(view));
                }
            }
            heartbeatOk = true;
            listener.remoteUsers(usersByNode, readStarted);
        } catch (RuntimeException e) {
            heartbeatOk = false;
            failed("heartbeat", e);
        }
    }

    private void republishLocalUsers() {
        synchronized (localUsers) {
            Map<String, String> users = new HashMap<>(localUsers);
            if (users.isEmpty()) {
                return;
            }
            try {
                commands.async().hset(nodeKey, users);
                commands.async().pexpire(nodeKey, NODE_TTL.toMillis());
                writeDigest();
            } catch (RuntimeException e) {
                failed("hset", e);
            }
        }
    }

    private void failed(String what, Throwable error) {
        long now = System.currentTimeMillis();
        long last = lastFailureLog.get();
        if (now - last > FAILURE_LOG_INTERVAL_MS && lastFailureLog.compareAndSet(last, now)) {
            log.warn("cluster {} at {} failed (more such failures are not logged for {} s): {}", what, uri,
                    FAILURE_LOG_INTERVAL_MS / 1000, error.toString());
        }
    }

    @Override
    public long messagesReceived() {
        return messagesReceived.sum();
    }

    @Override
    public RedisCounters counters() {
        return counters;
    }

    @Override
    public String describe() {
        return "node " + nodeId + " of a cluster on " + uri;
    }

    @Override
    public boolean healthy() {
        return heartbeatOk && commands.isOpen() && pubsub.isOpen();
    }

    /** Leaves the cluster: this node's users are no longer listed as online here. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        try {
            RedisCommands<String, String> redis = commands.sync();
            redis.del(nodeKey, digestKey);
            redis.zrem(NODES, nodeId);
        } catch (RuntimeException e) {
            log.debug("could not leave the cluster cleanly: {}", e.toString());
        }
        pubsub.close();
        commands.close();
        shutdown(client, resources);
    }

    /** Stops the client and its threads, and returns only when they are gone. */
    private static void shutdown(RedisClient client, ClientResources resources) {
        client.shutdown(SHUTDOWN_QUIET, SHUTDOWN_TIMEOUT);
        resources.shutdown(SHUTDOWN_QUIET.toMillis(), SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis() + 1000);
    }
}
