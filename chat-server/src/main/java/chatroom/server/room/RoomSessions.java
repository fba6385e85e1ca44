package chatroom.server.room;

import chatroom.server.session.Session;

/**
 * The sessions here of a room's members, found by one walk over the members and the logged-in users
 * and kept while neither changes. A commit's fan-out then goes over one array instead of looking
 * each member up again: at 1000 members and 200 commits a second, that walk was a tenth of the
 * server's CPU (docs/benchmarks.md, round fifteen). Whether each session is still open is checked
 * at each use; a closed one leaves the registry soon after, which makes a new walk. The broadcaster
 * keeps them only while nobody logs in or out here: it forgets every room's at the first fan-out
 * after a login or logout (so a quiet room keeps no closed session alive either), and this one's
 * when the room's members change.
 *
 * @param membershipChanges {@code Room.membershipChanges()} when the walk began
 * @param sessions what the walk found
 */
record RoomSessions(int membershipChanges, Session[] sessions) {

    /** Whether no member joined or left since the walk began. */
    boolean isCurrent(int membershipChangesNow) {
        return membershipChanges == membershipChangesNow;
    }
}
