package chatroom.codec.message;

/** {@code topic {room, topic}} from a client: sets a room's topic. The server's event is {@link TopicChanged}. */
public record SetTopic(Object id, String room, String topic) implements Request {
    public static final String TYPE = "topic";

    @Override
    public String type() {
        return TYPE;
    }
}
