package chatroom.codec.message;

/** {@code conversations {limit?}}: the user's rooms and direct conversations with unread counts. */
public record ListConversations(Object id, Integer limit) implements Request {
    public static final String TYPE = "conversations";

    @Override
    public String type() {
        return TYPE;
    }
}
