package chatroom.server.room;

import chatroom.codec.JsonCodec;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.metrics.ServerMetrics;
import chatroom.server.store.CommitListener;
import chatroom.server.store.Names;
import chatroom.server.store.StoredMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fans stored messages and room events out to the sessions of the members. A message is encoded
 * once and every session gets one more reference to the same buffer (sessions only read it). As the store's
 * {@link CommitListener} it runs on the writer thread right after each commit, in seq order, so
 * every session's queue receives a conversation's messages in seq order.
 *
 * <p>The messages of one commit are queued without waking anyone; at the end of the commit each
 * event loop gets one task that drains all of its sessions that got something. A session then
 * writes the whole group in one batch and one system call, instead of one wake-up, one task and
 * one write per message and member.
 */
public final class Broadcaster implements CommitListener {

    private final ServerMetrics metrics;
    /** Deliveries queued during the current commit; writer thread only. */
    private int queued;

    private final RoomRegistry rooms;
    private final SessionRegistry sessions;
    private final JsonCodec codec;
    private final ByteBufAllocator alloc;
    /** Sessions given messages in the current commit that need a drain, by event loop; writer thread only. */
    private Map<EventLoop, List<Session>> toDrain = new HashMap<>();

    public Broadcaster(RoomRegistry rooms, SessionRegistry sessions, JsonCodec codec, ByteBufAllocator alloc,
                       ServerMetrics metrics) {
        this.metrics = metrics;
        this.rooms = rooms;
        this.sessions = sessions;
        this.codec = codec;
        this.alloc = alloc;
    }

    @Override
    public void committed(StoredMessage message) {
        metrics.messageStored();
        String conversation = message.conversation().key();
        if (message.conversation().isRoom()) {
            Room room = rooms.findByConversation(conversation);
            if (room == null) {
                return;
            }
            room.committed(message.seq());
            ByteBuf body = codec.encode(toRoomEvent(room, message), alloc);
            try {
                for (String member : room.memberKeys()) {
                    for (Session session : sessions.sessionsOf(member)) {
                        sendLive(session, conversation, message.seq(), body);
                    }
                }
            } finally {
                body.release();
            }
        } else {
            sendDirect(message, Names.key(message.from()), message.to());
            if (!Names.key(message.from()).equals(Names.key(message.to()))) {
                sendDirect(message, Names.key(message.to()), message.from());
            }
        }
    }

    @Override
    public void commitDone() {
        if (queued > 0) {
            metrics.messagesQueued(queued);
            queued = 0;
        }
        if (toDrain.isEmpty()) {
            return;
        }
        for (Map.Entry<EventLoop, List<Session>> entry : toDrain.entrySet()) {
            List<Session> loopSessions = entry.getValue();
            entry.getKey().execute(() -> loopSessions.forEach(Session::drain));
        }
        toDrain = new HashMap<>();
    }

    private void sendLive(Session session, String conversation, long seq, ByteBuf body) {
        queued++;
        if (session.sendLiveDeferred(conversation, seq, body.retain())) {
            toDrain.computeIfAbsent(session.eventLoop(), loop -> new ArrayList<>()).add(session);
        }
    }

    private void sendDirect(StoredMessage message, String receiverKey, String otherParty) {
        var receivers = sessions.sessionsOf(receiverKey);
        if (receivers.isEmpty()) {
            return;
        }
        ByteBuf body = codec.encode(toDirectEvent(message, otherParty), alloc);
        try {
            for (Session session : receivers) {
                sendLive(session, message.conversation().key(), message.seq(), body);
            }
        } finally {
            body.release();
        }
    }

    /** Sends an event to every session of every member of a room but those of {@code exceptUserKey}. */
    public void toRoom(Room room, Event event, String exceptUserKey) {
        ByteBuf body = codec.encode(event, alloc);
        try {
            for (String member : room.memberKeys()) {
                if (member.equals(exceptUserKey)) {
                    continue;
                }
                for (Session session : sessions.sessionsOf(member)) {
                    session.send(body.retain());
                }
            }
        } finally {
            body.release();
        }
    }

    /** Sends an event to every session of one user. */
    public void toUser(String userKey, Event event) {
        for (Session session : sessions.sessionsOf(userKey)) {
            session.send(event);
        }
    }

    /** The {@code message} event of a stored room message. */
    public static ChatMessage toRoomEvent(Room room, StoredMessage m) {
        return ChatMessage.inRoom(room.name(), m.seq(), m.ts(), m.from(), m.text(), m.cid());
    }

    /** The {@code message} event of a stored direct message, {@code with} the other party. */
    public static ChatMessage toDirectEvent(StoredMessage m, String otherParty) {
        return ChatMessage.direct(otherParty, m.seq(), m.ts(), m.from(), m.to(), m.text(), m.cid());
    }
}
