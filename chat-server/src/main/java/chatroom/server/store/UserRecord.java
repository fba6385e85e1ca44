package chatroom.server.store;

/**
 * A stored account. {@code id} never changes and is never given to another account: what belongs to
 * the account (direct conversations, admin rights) hangs on it, not on the name. {@code name} is the
 * display name as registered (or last renamed to). A {@code deleted} account is a tombstone that only
 * keeps its id and name taken; nobody can log in as it.
 */
public record UserRecord(long id, String name, String passwordHash, boolean banned, boolean admin, boolean deleted,
                         long createdTs) {

    @Override
    public String toString() {
        return "UserRecord[id=" + id + ", name=" + name + ", banned=" + banned + ", admin=" + admin
                + ", deleted=" + deleted + "]";
    }
}
