package chatroom.server.irc;

import chatroom.server.room.Room;
import chatroom.server.session.Session;
import chatroom.server.store.Names;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code MODE}, as far as the JSON protocol's rooms express modes. Channel modes: {@code i} is a
 * private room (chosen when the room is created, never changed), {@code o} its owner (one, the
 * creator), {@code b} a ban list that is always empty (bans are server-wide, §5). Queries are
 * answered from the room; changes the command layer cannot make get {@code 482} (not the owner or
 * an admin) or {@code 472} with the reason. User modes: there are none; {@code +i}/{@code +w},
 * which clients set on connect, are accepted without effect.
 */
final class IrcModes {

    private final IrcConnection irc;
    private final IrcNetwork network;

    IrcModes(IrcConnection irc, IrcNetwork network) {
        this.irc = irc;
        this.network = network;
    }

    void mode(IrcMessage m) {
        String target = m.param(0);
        if (target == null) {
            irc.numeric("461", "MODE", "Not enough parameters");
        } else if (target.startsWith("#")) {
            channelMode(target, m);
        } else {
            userMode(target, m.param(1));
        }
    }

    private void userMode(String target, String change) {
        if (!Names.key(target).equals(Names.key(irc.nick))) {
            irc.numeric("502", "Can't view or change modes of other users");
            return;
        }
        if (change == null) {
            irc.numeric("221", "+");
            return;
        }
        for (char c : change.toCharArray()) {
            if (c != '+' && c != '-' && c != 'i' && c != 'w') {
                irc.numeric("501", "Unknown MODE flag: user modes do not exist here");
                return;
            }
        }
    }

    private void channelMode(String channel, IrcMessage m) {
        Room room = network.room(channel.substring(1));
        Session session = Session.of(irc.ctx().channel());
        String me = Names.key(irc.nick);
        if (room == null || room.isPrivate() && !room.isMember(me)) {
            irc.numeric("403", channel, "No such channel");
            return;
        }
        String name = "#" + room.name();
        String change = m.param(1);
        if (change == null) {
            irc.numeric("324", name, room.isPrivate() ? "+i" : "+");
            return;
        }
        boolean mayModerate = room.isOwner(me) || session != null && session.isAdmin();
        int arg = 2;
        Set<Character> answered = new HashSet<>();
        for (char c : change.toCharArray()) {
            switch (c) {
                case '+', '-' -> {
                    // every change is refused alike, whichever the direction
                }
                case 'b' -> {
                    String mask = m.param(arg++);
                    if (mask == null) {
                        if (answered.add('b')) {
                            irc.numeric("368", name, "End of channel ban list (bans are server-wide here)");
                        }
                    } else if (answered.add(c)) {
                        refuse(mayModerate, name, c, "Bans are server-wide here, not per room: an admin bans an "
                                + "account with the JSON protocol's ban; KICK removes a member from this room");
                    }
                }
                case 'o' -> {
                    arg++;
                    if (answered.add(c)) {
                        refuse(mayModerate, name, c, "A room has one operator, its owner (the creator); "
                                + "ownership cannot be given or shared");
                    }
                }
                case 'i' -> {
                    if (answered.add(c)) {
                        refuse(mayModerate, name, c, "Privacy is chosen when a room is created (JSON join "
                                + "with private:true) and cannot change");
                    }
                }
                default -> {
                    if (answered.add(c)) {
                        irc.numeric("472", String.valueOf(c), "is unknown mode char to me for " + name);
                    }
                }
            }
        }
    }

    /** A change of a known mode that cannot be made: 482 to whoever may not moderate, else 472 and why. */
    private void refuse(boolean mayModerate, String channel, char mode, String why) {
        if (mayModerate) {
            irc.numeric("472", String.valueOf(mode), why);
        } else {
            irc.numeric("482", channel, "You're not channel operator");
        }
    }
}
