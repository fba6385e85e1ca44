package chatroom.client;

/** Where the connection of a {@link ChatClient} is. */
public enum ConnectionState {
    /** Opening the socket (first time). */
    CONNECTING,
    /** Connected and greeted by the server. */
    CONNECTED,
    /** Lost; waiting to try again. */
    RECONNECTING,
    /** Closed by the server because nobody logged in in time; the next request reconnects. */
    IDLE,
    /** Connected again, logged in again with the token, missed messages fetched. */
    RESUMED,
    /** Closed by the application or by {@code logout}, or gave up. */
    CLOSED
}
