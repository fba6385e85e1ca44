package chatroom.server.room;

import chatroom.server.session.Session;

/**
 * The sessions here of a room's members, found by one walk over the members and the logged-in users
 * and kept while neither changes. A commit's fan-out then goes over one array instead of looking
 * each member up again: at 1000 members and 200 commits a second, that walk was a tenth of the
 * server's CPU (docs/benchmarks.md, round fifteen). Whether each session is still open is checked
 * at each use; a closed one leaves the registry soon after, which makes a new walk. The broadcaster
 * forgets every room's at the first fan-out after a login or logout, so that a quiet room does not
 * keep closed sessions alive.
 *
 * @param registryChanges {@code SessionRegistry.changes()} when the walk began
 * @param membershipChanges {@code Room.membershipChanges()} when the walk began
 * @param sessions what the walk found
 */
record RoomSessions(long registryChanges, int membershipChanges, Session[] sessions) {

    /** Whether nobody has logged in or out and no member joined or left since the walk began. */
    boolean isCurrent(long registryChangesNow, int membershipChangesNow) {
        return registryChanges == registryChangesNow && membershipChanges == membershipChangesNow;
    }
}
