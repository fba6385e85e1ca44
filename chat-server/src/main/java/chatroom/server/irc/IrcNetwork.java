package chatroom.server.irc;

import chatroom.server.room.Room;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.Names;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an IRC connection may read of the server's shared state beyond its own requests' replies:
 * a room's owner and privacy (for {@code MODE} and the {@code @} prefix), its topic (for auto-join),
 * and the other IRC connections of a room's members (for {@code AWAY} and {@code away-notify}).
 * The JSON protocol has no away state, so away messages live on the IRC connections that set them
 * and end with them. One per server; read from any event loop (the registries are concurrent).
 */
public final class IrcNetwork {

    /** The IRC side of a channel, so that other connections can find it (AWAY). */
    static final AttributeKey<IrcConnection> CONNECTION = AttributeKey.valueOf(IrcNetwork.class, "irc");

    private final RoomRegistry rooms;
    private final SessionRegistry sessions;

    public IrcNetwork(RoomRegistry rooms, SessionRegistry sessions) {
        this.rooms = rooms;
        this.sessions = sessions;
    }

    /** The room behind {@code #name} (any case), or null. */
    Room room(String name) {
        return rooms.find(name);
    }

    /** Whether {@code user} owns {@code room}: the one channel operator ({@code @}) a room has. */
    static boolean isOwner(Room room, String user) {
        return room.isOwner(Names.key(user));
    }

    /** The away message of {@code user}: the one set by any of its IRC connections, or null. */
    String awayOf(String user) {
        for (Session session : sessions.sessionsOf(Names.key(user))) {
            IrcConnection irc = connectionOf(session.channel());
            String away = irc == null ? null : irc.away();
            if (away != null) {
                return away;
            }
        }
        return null;
    }

    /**
     * The IRC connections of everyone who shares a room with {@code user}, its own other
     * connections included and {@code self} excluded: who may need an {@code away-notify} line.
     * Walks the online sessions (bounded by the connection caps), not the rooms' members: the
     * lobby holds every account.
     */
    Set<IrcConnection> sharingARoomWith(String user, IrcConnection self) {
        List<Room> userRooms = rooms.roomsOf(Names.key(user));
        Set<IrcConnection> found = new LinkedHashSet<>();
        for (Session session : sessions.all()) {
            IrcConnection irc = connectionOf(session.channel());
            String key = session.userKey();
            if (irc == null || irc == self || key == null) {
                continue;
            }
            for (Room room : userRooms) {
                if (room.isMember(key)) {
                    found.add(irc);
                    break;
                }
            }
        }
        return found;
    }

    static IrcConnection connectionOf(Channel channel) {
        return channel.attr(CONNECTION).get();
    }
}
