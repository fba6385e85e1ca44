package chatroom.codec.message;

/** The {@code topic {room, topic, by}} event; the request of the same wire type is {@link SetTopic}. */
public record TopicChanged(String room, String topic, String by) implements Event {
    public static final String TYPE = "topic";

    @Override
    public String type() {
        return TYPE;
    }
}
