package chatroom.client.cli;

/**
 * The shell's own limits, set from the command line ({@link Main}).
 *
 * @param windowBacklog  lines a window keeps while it is not current (older ones are dropped and counted)
 * @param readIntervalMs at most one {@code read} per conversation this often
 * @param sendRetries    resends of a line the server refused with {@code rate_limited} or {@code busy}
 */
record ShellOptions(int windowBacklog, long readIntervalMs, int sendRetries) {

    static final int DEFAULT_WINDOW_BACKLOG = 200;
    static final long DEFAULT_READ_INTERVAL_MS = 1000;
    static final int DEFAULT_SEND_RETRIES = 20;
    static final ShellOptions DEFAULTS = new ShellOptions(DEFAULT_WINDOW_BACKLOG, DEFAULT_READ_INTERVAL_MS,
            DEFAULT_SEND_RETRIES);

    ShellOptions {
        if (windowBacklog < 1 || readIntervalMs < 0 || sendRetries < 0) {
            throw new IllegalArgumentException("window backlog >= 1, read interval >= 0 and send retries >= 0");
        }
    }
}
