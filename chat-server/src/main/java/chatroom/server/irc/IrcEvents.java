package chatroom.server.irc;

import chatroom.codec.message.Bye;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.FileShared;
import chatroom.codec.message.Kicked;
import chatroom.codec.message.MessageDeleted;
import chatroom.codec.message.MessageEdited;
import chatroom.codec.message.Muted;
import chatroom.codec.message.Presence;
import chatroom.codec.message.ReadMarked;
import chatroom.codec.message.Renamed;
import chatroom.codec.message.RoomDeleted;
import chatroom.codec.message.TopicChanged;
import chatroom.codec.message.Unmuted;
import chatroom.server.room.Room;
import chatroom.server.session.SharedEvent;

/**
 * The session's events as IRC lines: {@code message} → PRIVMSG, {@code presence} → JOIN/PART,
 * {@code topic} → TOPIC, {@code kicked} → KICK, {@code read} → MARKREAD; what IRC cannot express
 * (files, edits, deletes, mutes) → a NOTICE that describes it.
 */
final class IrcEvents {

    private final IrcConnection irc;
    private final IrcReadMarkers markers;
    private final IrcNetwork network;
    private final IrcCommands commands;
    private String lastByeReason = "";

    IrcEvents(IrcConnection irc, IrcNetwork network, IrcCommands commands) {
        this.irc = irc;
        this.markers = new IrcReadMarkers(irc);
        this.network = network;
        this.commands = commands;
    }

    /**
     * Writes the lines for {@code event}; returns true for {@code bye}, after which the link closes.
     *
     * @param shared the broadcast {@code event} came with (its IRC rendering is shared), or null
     */
    boolean write(Object event, SharedEvent shared) {
        if (!irc.registered && !(event instanceof Bye)) {
            return false; // welcome, and anything before the client is told who it is
        }
        if (event instanceof ChatMessage m) {
            boolean own = m.from().equals(irc.nick);
            if (own && irc.ownSend(m.cid()) && !irc.has(IrcCaps.ECHO_MESSAGE)) {
                irc.remember(IrcConnection.target(m), m.seq(), m.ts());
            } else {
                irc.liveMessage(m, shared);
            }
        } else if (event instanceof Presence p) {
            presence(p);
        } else if (event instanceof TopicChanged t) {
            irc.fromUser(t.by(), "TOPIC", "#" + t.room(), t.topic() == null ? "" : t.topic());
        } else if (event instanceof Kicked k) {
            irc.left(k.room());
            irc.fromUser(k.by(), "KICK", "#" + k.room(), irc.nick, k.reason() == null ? k.by() : k.reason());
        } else if (event instanceof MessageEdited e) {
            notice(e.room(), e.with(), "message " + e.seq() + " was edited: " + e.text());
        } else if (event instanceof MessageDeleted d) {
            notice(d.room(), d.with(), "message " + d.seq() + " was deleted by " + d.by());
        } else if (event instanceof FileShared f) {
            notice(f.room(), null, f.from() + " shared the file \"" + f.name() + "\" (" + f.size()
                    + " bytes, id " + f.fileId() + "); download it with the web page or the CLI");
        } else if (event instanceof Muted m) {
            notice(m.room(), null, "you were muted by " + m.by()
                    + (m.until() == null ? "" : " until " + IrcConnection.time(m.until())));
        } else if (event instanceof Unmuted u) {
            notice(u.room(), null, "you were unmuted by " + u.by());
        } else if (event instanceof RoomDeleted r) {
            irc.left(r.room());
            irc.fromUser(irc.nick, "PART", "#" + r.room(), "room deleted");
        } else if (event instanceof Renamed r) {
            if ("user".equals(r.kind())) {
                irc.fromUser(r.old(), "NICK", r.newName());
                if (r.old().equals(irc.nick)) {
                    irc.nick = r.newName();
                }
            } else {
                renamedRoom(r.old(), r.newName());
            }
        } else if (event instanceof ReadMarked r) {
            markers.announce(r.room() != null ? "#" + r.room() : r.with(), r.seq());
        } else if (event instanceof Bye b) {
            lastByeReason = b.reason();
            return true;
        }
        // anything else (welcome, pong) has no IRC form
        return false;
    }

    /**
     * JOIN/PART lines; the user's own joins and leaves made elsewhere (the web page, another
     * client) put this client into the channel or take it out too. With away-notify, a user who
     * joins while away is followed by its AWAY line.
     */
    private void presence(Presence p) {
        String channel = "#" + p.room();
        boolean self = p.user().equals(irc.nick);
        if (Presence.JOIN.equals(p.event())) {
            if (self && irc.isOn(p.room())) {
                return;
            }
            if (self) {
                irc.entered(p.room());
            }
            irc.joined(p.user(), channel);
            String away = irc.has(IrcCaps.AWAY_NOTIFY) && !self ? network.awayOf(p.user()) : null;
            if (away != null) {
                irc.fromUser(p.user(), "AWAY", away);
            }
        } else if (Presence.LEAVE.equals(p.event())) {
            if (self && !irc.isOn(p.room())) {
                return;
            }
            if (self) {
                irc.left(p.room());
            }
            irc.fromUser(p.user(), "PART", channel);
        }
    }

    /** A renamed room is another channel: the client parts the old name and is shown on the new one. */
    private void renamedRoom(String old, String renamed) {
        Room room = network.room(renamed);
        if (!irc.isOn(old) || room == null) {
            irc.fromServer("NOTICE", irc.nick, "room #" + old + " is now #" + renamed);
            return;
        }
        irc.left(old);
        irc.fromUser(irc.nick, "PART", "#" + old, "room renamed to #" + renamed);
        commands.present(room);
    }

    String lastByeReason() {
        return lastByeReason;
    }

    private void notice(String room, String with, String text) {
        String target = room != null ? "#" + room : with;
        for (String piece : Utf8.split(text, 400)) {
            irc.fromServer("NOTICE", target == null ? irc.nick : target, piece);
        }
    }
}
