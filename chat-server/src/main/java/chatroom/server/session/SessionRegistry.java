package chatroom.server.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.BiConsumer;

/**
 * The logged-in sessions of every user, by user key. A user may be logged in on several devices;
 * each session gets the user's events. Thread-safe.
 */
public final class SessionRegistry {

    private final ConcurrentHashMap<String, Set<Session>> byUser = new ConcurrentHashMap<>();
    private final Set<Session> all = ConcurrentHashMap.newKeySet();
    /** Counts the changes to who is logged in (the room fan-out keeps a room's sessions while it stands still). */
    private final AtomicLong changes = new AtomicLong();

    /** Tracks a chat connection from its start to its close, logged in or not (for shutdown). */
    public void connected(Session session) {
        all.add(session);
    }

    /**
     * Adds a logged-in session.
     *
     * @return true when it is the user's first session (the user came online)
     */
    public boolean add(Session session) {
        boolean[] first = new boolean[1];
        byUser.compute(session.userKey(), (key, sessions) -> {
            if (sessions == null) {
                sessions = new CopyOnWriteArraySet<>();
            }
            first[0] = sessions.isEmpty();
            sessions.add(session);
            return sessions;
        });
        changes.incrementAndGet();
        return first[0];
    }

    /**
     * Removes a closed session.
     *
     * @return true when it was the user's last session (the user went offline)
     */
    public boolean remove(Session session) {
        all.remove(session);
        if (session.userKey() == null) {
            return false;
        }
        boolean[] last = new boolean[1];
        byUser.computeIfPresent(session.userKey(), (key, sessions) -> {
            boolean removed = sessions.remove(session);
            last[0] = removed && sessions.isEmpty();
            return sessions.isEmpty() ? null : sessions;
        });
        changes.incrementAndGet();
        return last[0];
    }

    /** Moves a renamed user's sessions to the new key (each session was told its new name). */
    public void rename(String oldKey, String newKey) {
        Set<Session> sessions = byUser.remove(oldKey);
        if (sessions != null) {
            byUser.merge(newKey, sessions, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
        changes.incrementAndGet();
    }

    /**
     * A number that changes whenever a logged-in session is added, removed or moved to another key:
     * what was derived from {@link #sessionsOf} is still true while it stays the same.
     */
    public long changes() {
        return changes.get();
    }

    /** The sessions of a user; empty when offline. */
    public Collection<Session> sessionsOf(String userKey) {
        Set<Session> sessions = byUser.get(userKey);
        return sessions == null ? List.of() : sessions;
    }

    /**
     * Calls {@code action} with each online user's key and sessions: one pass over the table, rather
     * than the keys and then {@link #sessionsOf} for each, which looks each user up again.
     */
    public void forEachOnline(BiConsumer<String, Collection<Session>> action) {
        byUser.forEach(action);
    }

    /** How many users have a session here. */
    public int onlineUserCount() {
        return byUser.size();
    }

    public boolean isOnline(String userKey) {
        return byUser.containsKey(userKey);
    }

    /** Display names of the users online now. */
    public List<String> onlineUsers() {
        List<String> users = new ArrayList<>();
        for (Set<Session> sessions : byUser.values()) {
            for (Session session : sessions) {
                users.add(session.user());
                break;
            }
        }
        return users;
    }

    /** Every open connection. */
    public Collection<Session> all() {
        return all;
    }

    /** Logged-in sessions. */
    public int sessionCount() {
        int count = 0;
        for (Set<Session> sessions : byUser.values()) {
            count += sessions.size();
        }
        return count;
    }

    public int connectionCount() {
        return all.size();
    }
}
