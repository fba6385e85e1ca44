package chatroom.server.irc;

import chatroom.codec.message.ErrorReply;
import chatroom.codec.message.Invite;
import chatroom.codec.message.Join;
import chatroom.codec.message.Kick;
import chatroom.codec.message.Leave;
import chatroom.codec.message.ListRooms;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Results.JoinResult;
import chatroom.codec.message.Results.RoomSeq;
import chatroom.codec.message.Results.RoomSummary;
import chatroom.codec.message.Results.RoomsResult;
import chatroom.codec.message.Send;
import chatroom.codec.message.SetTopic;
import chatroom.server.command.RoomCommands;
import chatroom.server.room.Room;
import java.util.List;

/**
 * IRC commands of a registered client, each turned into requests of the JSON protocol (§4–§6) and
 * their replies into numerics: JOIN → {@code join}, PRIVMSG → {@code send}, NAMES/WHO →
 * {@code members}, LIST → {@code rooms}, and so on. The read-only directory commands (NAMES, WHO,
 * WHOIS, LIST) are {@link IrcDirectory}'s.
 */
final class IrcCommands {

    private final IrcConnection irc;
    private final IrcHistory history;
    private final IrcReadMarkers markers;
    private final IrcNetwork network;
    private final IrcModes modes;
    private final IrcAway away;
    private final IrcDirectory directory;

    IrcCommands(IrcConnection irc, IrcNetwork network, IrcAway away) {
        this.irc = irc;
        this.away = away;
        this.history = new IrcHistory(irc);
        this.markers = new IrcReadMarkers(irc);
        this.network = network;
        this.modes = new IrcModes(irc, network);
        this.directory = new IrcDirectory(irc, network);
    }

    /**
     * The welcome burst (001–005, MOTD), then the direct messages missed while offline, then the
     * rooms the account is a member of, joined as a bouncer would.
     */
    void welcome(IrcConfig config) {
        String nick = irc.nick;
        irc.numeric("001", "Welcome to the chatroom IRC gateway, " + IrcConnection.userPrefix(nick));
        irc.numeric("002", "Your host is " + IrcConnection.SERVER + ", running " + chatroom.server.ChatServer.NAME);
        irc.numeric("003", "This server speaks the chatroom protocol, version 2");
        irc.numeric("004", IrcConnection.SERVER, chatroom.server.ChatServer.NAME, "i", "bio");
        irc.numeric("005", "CHANTYPES=#", "CASEMAPPING=rfc8265", "NICKLEN=32", "CHANNELLEN=65",
                "TOPICLEN=" + RoomCommands.MAX_TOPIC_LENGTH, "CHATHISTORY=" + IrcHistory.MAX_LIMIT,
                "MSGREFTYPES=msgid,timestamp", "UTF8ONLY", "NETWORK=chatroom", "PREFIX=(o)@", "CHANMODES=b,,,i",
                "are supported by this server");
        if (config.motd().isEmpty()) {
            irc.numeric("422", "MOTD File is missing");
        } else {
            irc.numeric("375", "- " + IrcConnection.SERVER + " Message of the day -");
            for (String line : Utf8.split(config.motd(), 400)) {
                irc.numeric("372", "- " + line);
            }
            irc.numeric("376", "End of /MOTD command.");
        }
        history.replayDirectMessages();
        autoJoin();
    }

    /**
     * Membership lasts across sessions (§4): the account's rooms are this client's channels from
     * the start. JOIN, topic and names for each, then the unread messages as on a JOIN. No
     * {@code join} request is made (the user is a member already; a request per room would count
     * against the room-operation rate limit).
     */
    private void autoJoin() {
        for (RoomSeq joined : irc.loginRooms) {
            Room room = network.room(joined.room());
            if (room == null || irc.isOn(room.name())) {
                continue;
            }
            present(room);
            history.afterJoin("#" + room.name(), joined.seq());
        }
        irc.loginRooms = List.of();
    }

    /** Shows the client on a room's channel, without a request: JOIN, topic, names. */
    void present(Room room) {
        String name = "#" + room.name();
        irc.entered(room.name());
        irc.joined(irc.nick, name);
        if (!room.topic().isEmpty()) {
            irc.numeric("332", name, room.topic());
        }
        directory.names(name);
    }

    void run(IrcMessage m) {
        switch (m.command()) {
            case "JOIN" -> join(m);
            case "PART" -> part(m);
            case "PRIVMSG", "NOTICE" -> privmsg(m);
            case "TOPIC" -> topic(m);
            case "NAMES" -> directory.names(m.param(0));
            case "WHO" -> directory.who(m.param(0));
            case "WHOIS" -> directory.whois(m.params().isEmpty() ? null : m.params().get(m.params().size() - 1));
            case "LIST" -> directory.list();
            case "KICK" -> kick(m);
            case "INVITE" -> invite(m);
            case "MODE" -> modes.mode(m);
            case "AWAY" -> away.set(m.param(0));
            case "PING" -> irc.fromServer("PONG", IrcConnection.SERVER, m.param(0) == null ? "" : m.param(0));
            case "PONG", "USER", "PASS", "AUTHENTICATE" -> { }
            case "NICK" -> {
                if (m.param(0) != null && !m.param(0).equals(irc.nick)) {
                    irc.numeric("432", m.param(0), "Your nick is your account name; rename the account instead");
                }
            }
            case "CHATHISTORY" -> history.chathistory(m);
            case "MARKREAD" -> markers.markRead(m.param(0), m.param(1));
            // written from the gateway's place: a write through the whole pipeline would be taken for a JSON body
            case "QUIT" -> irc.ctx().writeAndFlush(irc.encode(IrcMessage.of("ERROR", "Closing link: Quit")))
                    .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            default -> irc.numeric("421", m.command(), "Unknown command");
        }
    }

    private boolean enough(IrcMessage m, int count) {
        if (m.params().size() < count) {
            irc.numeric("461", m.command(), "Not enough parameters");
            return false;
        }
        return true;
    }

    private String room(String channel) {
        return IrcChannels.room(irc, channel);
    }

    private void join(IrcMessage m) {
        if (!enough(m, 1)) {
            return;
        }
        for (String channel : m.param(0).split(",")) {
            String room = room(channel);
            if (room == null || irc.isOn(room)) {
                continue; // already on it: nothing changes, as on any IRC server
            }
            irc.request(id -> new Join(id, room, null, null), reply -> {
                if (reply instanceof Ok ok && ok.result() instanceof JoinResult joined) {
                    if (irc.isOn(joined.room())) {
                        return; // two JOINs of one channel in flight
                    }
                    irc.entered(joined.room());
                    String name = "#" + joined.room();
                    irc.joined(irc.nick, name);
                    if (joined.topic() != null && !joined.topic().isEmpty()) {
                        irc.numeric("332", name, joined.topic());
                    }
                    directory.names(name);
                    history.afterJoin(name, joined.seq());
                } else if (reply instanceof ErrorReply error) {
                    IrcErrors.reply(irc, "JOIN", channel, error);
                }
            });
        }
    }

    private void part(IrcMessage m) {
        if (!enough(m, 1)) {
            return;
        }
        String reason = m.param(1);
        for (String channel : m.param(0).split(",")) {
            String room = room(channel);
            if (room == null) {
                continue;
            }
            irc.request(id -> new Leave(id, room), reply -> {
                if (reply instanceof Ok) {
                    irc.left(room);
                    if (reason == null) {
                        irc.fromUser(irc.nick, "PART", channel);
                    } else {
                        irc.fromUser(irc.nick, "PART", channel, reason);
                    }
                } else if (reply instanceof ErrorReply error) {
                    IrcErrors.reply(irc, "PART", channel, error);
                }
            });
        }
    }

    private void privmsg(IrcMessage m) {
        boolean notice = m.command().equals("NOTICE");
        if (m.param(0) == null || m.param(0).isEmpty()) {
            if (!notice) {
                irc.numeric("411", "No recipient given (" + m.command() + ")");
            }
            return;
        }
        String text = m.param(1);
        if (text == null || text.isEmpty()) {
            if (!notice) {
                irc.numeric("412", "No text to send");
            }
            return;
        }
        for (String target : m.param(0).split(",")) {
            boolean channel = target.startsWith("#");
            String room = channel ? target.substring(1) : null;
            String to = channel ? null : target;
            String cid = irc.newCid();
            irc.request(id -> new Send(id, room, to, text, cid), reply -> {
                if (reply instanceof ErrorReply error && !notice) {
                    IrcErrors.reply(irc, "PRIVMSG", target, error);
                } else if (to != null && !notice) {
                    String awayMessage = network.awayOf(to);
                    if (awayMessage != null) {
                        irc.numeric("301", to, awayMessage);
                    }
                }
            });
        }
    }

    private void topic(IrcMessage m) {
        if (!enough(m, 1)) {
            return;
        }
        String channel = m.param(0);
        String room = room(channel);
        if (room == null) {
            return;
        }
        if (m.params().size() >= 2) {
            irc.request(id -> new SetTopic(id, room, m.param(1)), reply -> {
                if (reply instanceof ErrorReply error) {
                    IrcErrors.reply(irc, "TOPIC", channel, error);
                }
            });
            return;
        }
        irc.request(ListRooms::new, reply -> {
            if (reply instanceof Ok ok && ok.result() instanceof RoomsResult rooms) {
                for (RoomSummary summary : rooms.rooms()) {
                    if (summary.room().equals(room) || ("#" + summary.room()).equalsIgnoreCase(channel)) {
                        if (summary.topic() == null || summary.topic().isEmpty()) {
                            irc.numeric("331", "#" + summary.room(), "No topic is set");
                        } else {
                            irc.numeric("332", "#" + summary.room(), summary.topic());
                        }
                        return;
                    }
                }
                irc.numeric("403", channel, "No such channel");
            }
        });
    }

    private void kick(IrcMessage m) {
        if (!enough(m, 2)) {
            return;
        }
        String channel = m.param(0);
        String room = room(channel);
        if (room == null) {
            return;
        }
        String reason = m.param(2);
        for (String user : m.param(1).split(",")) {
            irc.request(id -> new Kick(id, room, user, reason), reply -> {
                if (reply instanceof Ok) {
                    irc.fromUser(irc.nick, "KICK", channel, user, reason == null ? irc.nick : reason);
                } else if (reply instanceof ErrorReply error) {
                    IrcErrors.reply(irc, "KICK", error.code().equals("no_such_user") ? user : channel, error);
                }
            });
        }
    }

    private void invite(IrcMessage m) {
        if (!enough(m, 2)) {
            return;
        }
        String user = m.param(0);
        String channel = m.param(1);
        String room = room(channel);
        if (room == null) {
            return;
        }
        irc.request(id -> new Invite(id, room, user), reply -> {
            if (reply instanceof Ok) {
                irc.numeric("341", user, channel);
            } else if (reply instanceof ErrorReply error) {
                IrcErrors.reply(irc, "INVITE", error.code().equals("no_such_user") ? user : channel, error);
            }
        });
    }
}
