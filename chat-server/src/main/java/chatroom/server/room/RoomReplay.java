package chatroom.server.room;

import chatroom.server.session.Session;
import chatroom.server.store.MessageStore;
import chatroom.server.store.StoredMessage;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a session a room's stored messages after a seq, page by page, then ends the session's hold
 * of the room: the live messages held meanwhile follow, those already replayed dropped. For a
 * {@code join {since}}, and for a user invited while messages flow.
 */
public final class RoomReplay {

    /** Messages read from the store per step. */
    static final int PAGE = 500;

    private RoomReplay() {
    }

    /**
     * The session must hold the room's conversation ({@link Session#hold} or
     * {@link Session#holdFromNow}); this releases it.
     *
     * @return completes once the last page is queued
     */
    public static CompletableFuture<Void> after(MessageStore store, Session session, Room room, long after) {
        return store.history(room.conversation(), null, after, PAGE)
                .thenComposeAsync(page -> {
                    for (StoredMessage message : page) {
                        session.sendReplay(room.conversation().key(), message.seq(),
                                Broadcaster.toRoomEvent(room, message));
                    }
                    if (page.size() == PAGE && session.channel().isActive()) {
                        return after(store, session, room, page.get(page.size() - 1).seq());
                    }
                    session.releaseHold(room.conversation().key());
                    return CompletableFuture.completedFuture(null);
                }, session.eventLoop());
    }
}
