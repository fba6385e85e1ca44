package chatroom.server.irc;

import chatroom.codec.message.ErrorReply;
import chatroom.codec.message.ListMembers;
import chatroom.codec.message.ListRooms;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Results.MemberStatus;
import chatroom.codec.message.Results.MembersResult;
import chatroom.codec.message.Results.RoomSummary;
import chatroom.codec.message.Results.RoomsResult;
import chatroom.server.room.Room;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The read-only directory commands of a registered client: NAMES and WHO ({@code members}), WHOIS
 * (from memory: who is away) and LIST ({@code rooms}), with the owner shown as {@code @}.
 */
final class IrcDirectory {

    /** Names in one 353 line, so that it stays under 512 bytes with 32-character names. */
    private static final int NAMES_PER_LINE = 12;

    private final IrcConnection irc;
    private final IrcNetwork network;

    IrcDirectory(IrcConnection irc, IrcNetwork network) {
        this.irc = irc;
        this.network = network;
    }

    private void members(String channel, Consumer<MembersResult> then) {
        String room = IrcChannels.room(irc, channel);
        if (room == null) {
            return;
        }
        irc.request(id -> new ListMembers(id, room), reply -> {
            if (reply instanceof Ok ok && ok.result() instanceof MembersResult members) {
                then.accept(members);
            } else if (reply instanceof ErrorReply error) {
                IrcErrors.reply(irc, "NAMES", channel, error);
            }
        });
    }

    void names(String channel) {
        if (channel == null) {
            irc.numeric("366", "*", "End of /NAMES list");
            return;
        }
        members(channel, members -> {
            String name = "#" + members.room();
            List<String> line = new ArrayList<>();
            Room room = network.room(members.room());
            for (MemberStatus member : members.members()) {
                line.add(prefixes(room, member.user()) + member.user());
                if (line.size() == NAMES_PER_LINE) {
                    irc.numeric("353", "=", name, String.join(" ", line));
                    line.clear();
                }
            }
            if (!line.isEmpty()) {
                irc.numeric("353", "=", name, String.join(" ", line));
            }
            irc.numeric("366", name, "End of /NAMES list");
        });
    }

    void who(String mask) {
        if (mask == null) {
            irc.numeric("315", "*", "End of /WHO list");
            return;
        }
        if (!mask.startsWith("#")) {
            irc.numeric("352", "*", mask, IrcConnection.HOST, IrcConnection.SERVER, mask,
                    network.awayOf(mask) == null ? "H" : "G", "0 " + mask);
            irc.numeric("315", mask, "End of /WHO list");
            return;
        }
        members(mask, members -> {
            String name = "#" + members.room();
            Room room = network.room(members.room());
            for (MemberStatus member : members.members()) {
                boolean here = member.online() && network.awayOf(member.user()) == null;
                irc.numeric("352", name, member.user(), IrcConnection.HOST, IrcConnection.SERVER, member.user(),
                        (here ? "H" : "G") + prefixes(room, member.user()), "0 " + member.user());
            }
            irc.numeric("315", name, "End of /WHO list");
        });
    }

    void whois(String nick) {
        if (nick == null) {
            irc.numeric("431", "No nickname given");
            return;
        }
        irc.numeric("311", nick, nick, IrcConnection.HOST, "*", nick);
        irc.numeric("312", nick, IrcConnection.SERVER, "chatroom");
        String awayMessage = network.awayOf(nick);
        if (awayMessage != null) {
            irc.numeric("301", nick, awayMessage);
        }
        irc.numeric("330", nick, nick, "is logged in as");
        irc.numeric("318", nick, "End of /WHOIS list");
    }

    void list() {
        irc.request(ListRooms::new, reply -> {
            irc.numeric("321", "Channel", "Users  Name");
            if (reply instanceof Ok ok && ok.result() instanceof RoomsResult rooms) {
                for (RoomSummary summary : rooms.rooms()) {
                    irc.numeric("322", "#" + summary.room(), Integer.toString(summary.members()),
                            summary.topic() == null ? "" : summary.topic());
                }
            }
            irc.numeric("323", "End of /LIST");
        });
    }

    /**
     * A member's channel prefixes: {@code @} for the room's owner, its only operator (PREFIX=(o)@).
     * With multi-prefix every prefix a member has is shown, without it the highest; with one prefix
     * mode the two agree.
     */
    private String prefixes(Room room, String user) {
        String all = room != null && IrcNetwork.isOwner(room, user) ? "@" : "";
        return irc.has(IrcCaps.MULTI_PREFIX) || all.length() <= 1 ? all : all.substring(0, 1);
    }
}
