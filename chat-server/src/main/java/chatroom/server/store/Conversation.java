package chatroom.server.store;

/**
 * Where a message lives and what its seq counts: a room, or the pair of accounts of a direct
 * conversation. {@code key} is stable and unique: {@code r:<room key>}, or {@code d:<low id>|<high id>}
 * with the two account ids ({@link UserRecord#id}) in numeric order, so both users name the same
 * conversation, a rename does not move it, and an account that later gets a similar name never
 * finds it.
 */
public record Conversation(String key) {

    public static Conversation room(String room) {
        return new Conversation("r:" + Names.key(room));
    }

    public static Conversation direct(long accountA, long accountB) {
        return new Conversation("d:" + Math.min(accountA, accountB) + "|" + Math.max(accountA, accountB));
    }

    public boolean isRoom() {
        return key.startsWith("r:");
    }
}
