package chatroom.server.store;

/** A stored account. {@code name} is the display name as registered. */
public record UserRecord(String name, String passwordHash, boolean banned, long createdTs) {

    @Override
    public String toString() {
        return "UserRecord[name=" + name + ", banned=" + banned + "]";
    }
}
