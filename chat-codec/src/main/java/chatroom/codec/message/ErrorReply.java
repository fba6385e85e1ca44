package chatroom.codec.message;

/** {@code error {id?, code, message}}: a request failed; clients act on {@code code}. */
public record ErrorReply(Object id, String code, String message) implements Reply {
    public static final String TYPE = "error";

    public ErrorReply(Object id, ErrorCode code, String message) {
        this(id, code.wireName(), message);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
