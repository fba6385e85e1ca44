package chatroom.server.room;

import chatroom.codec.JsonCodec;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.CommitListener;
import chatroom.server.store.Names;
import chatroom.server.store.StoredMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Fans stored messages and room events out to the sessions of the members. A message is encoded
 * once and every session gets a retained duplicate of the same buffer. As the store's
 * {@link CommitListener} it runs on the writer thread right after each commit, in seq order, so
 * every session's queue receives a conversation's messages in seq order.
 */
public final class Broadcaster implements CommitListener {

    private final RoomRegistry rooms;
    private final SessionRegistry sessions;
    private final JsonCodec codec;
    private final ByteBufAllocator alloc;

    public Broadcaster(RoomRegistry rooms, SessionRegistry sessions, JsonCodec codec, ByteBufAllocator alloc) {
        this.rooms = rooms;
        this.sessions = sessions;
        this.codec = codec;
        this.alloc = alloc;
    }

    @Override
    public void committed(StoredMessage message) {
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
                        session.sendLive(conversation, message.seq(), body.retainedDuplicate());
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

    private void sendDirect(StoredMessage message, String receiverKey, String otherParty) {
        var receivers = sessions.sessionsOf(receiverKey);
        if (receivers.isEmpty()) {
            return;
        }
        ByteBuf body = codec.encode(toDirectEvent(message, otherParty), alloc);
        try {
            for (Session session : receivers) {
                session.sendLive(message.conversation().key(), message.seq(), body.retainedDuplicate());
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
                    session.send(body.retainedDuplicate());
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
