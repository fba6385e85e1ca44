package chatroom.server.store;

/**
 * Where a message lives and what its seq counts: a room, or the pair of users of a direct
 * conversation. {@code key} is stable and unique: {@code r:<room key>} or {@code d:<a>|<b>} with the
 * two user keys sorted, so both users name the same conversation.
 */
public record Conversation(String key) {

    public static Conversation room(String room) {
        return new Conversation("r:" + Names.key(room));
    }

    public static Conversation direct(String userA, String userB) {
        String a = Names.key(userA);
        String b = Names.key(userB);
        return new Conversation(a.compareTo(b) <= 0 ? "d:" + a + "|" + b : "d:" + b + "|" + a);
    }

    public boolean isRoom() {
        return key.startsWith("r:");
    }
}
