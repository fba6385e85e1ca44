package chatroom.codec.message;

/** {@code bye {reason}}: the server is about to close the connection. */
public record Bye(String reason) implements Event {
    public static final String TYPE = "bye";

    public static final String SERVER_SHUTDOWN = "server_shutdown";
    public static final String IDLE_TIMEOUT = "idle_timeout";
    public static final String BANNED = "banned";
    public static final String LOGOUT = "logout";
    public static final String PROTOCOL_ERROR = "protocol_error";
    public static final String SLOW_CONSUMER = "slow_consumer";
    public static final String LOGIN_TIMEOUT = "login_timeout";
    public static final String TOO_MANY_CONNECTIONS = "too_many_connections";
    /** An admin deleted this account. */
    public static final String DELETED = "deleted";
    /** An admin set a new password: every session and token of the account ends. */
    public static final String PASSWORD_RESET = "password_reset";

    @Override
    public String type() {
        return TYPE;
    }
}
