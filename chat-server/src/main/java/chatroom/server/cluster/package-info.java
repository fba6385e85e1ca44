/**
 * Several server nodes as one service. Every change a node makes to what all nodes keep in memory
 * (rooms, members, topics, mutes, who is online) and every stored message is a {@link
 * chatroom.server.cluster.ClusterEvent}: the node applies it locally through {@link
 * chatroom.server.cluster.NodeEvents} and, in cluster mode, publishes it through Redis so the other
 * nodes apply the same event to their own members ({@link chatroom.server.cluster.RedisCluster}).
 * Stored messages reach only the nodes with a session that reads them
 * ({@link chatroom.server.cluster.MessageSubscriptions}).
 * The store (PostgreSQL) stays the authority: a node that missed events catches up from it.
 */
package chatroom.server.cluster;
