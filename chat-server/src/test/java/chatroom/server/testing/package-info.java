/**
 * What the server's tests share: {@link chatroom.server.testing.ChatServerExtension} (a real server per test class,
 * or two cluster nodes with {@code -Dchat.test.nodes=2}: {@link chatroom.server.testing.ChatServers}),
 * fixtures such as {@link chatroom.server.testing.TwoUsersInARoom}, and clients written from the wire contract
 * alone ({@link chatroom.server.testing.WireClient}, {@link chatroom.server.testing.WsClient},
 * {@link chatroom.server.testing.IrcClient}, {@link chatroom.server.testing.RawHttp}), and the means to break
 * things on purpose ({@link chatroom.server.testing.CuttableProxy}, {@code RedisFixture.pause()},
 * {@code ServerProcess.pause()}).
 */
package chatroom.server.testing;
