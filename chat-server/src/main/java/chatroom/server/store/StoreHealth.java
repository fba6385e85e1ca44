package chatroom.server.store;

/**
 * The store's state for {@code /health}: {@code ok} unless its writer has stopped or its latest
 * write failed (and nothing has been committed since, within the last minute).
 *
 * @param state {@code ok}, {@code failing} or {@code stopped}
 * @param detail one line for people
 */
public record StoreHealth(boolean ok, String state, String detail) {

    /** How long a failed write keeps the store reported as failing when nothing commits after it. */
    public static final long FAILURE_MEMORY_MS = 60_000;
}
