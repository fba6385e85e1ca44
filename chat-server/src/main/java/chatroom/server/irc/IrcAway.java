package chatroom.server.irc;

import java.util.concurrent.TimeUnit;

/**
 * {@code AWAY} of one connection. The JSON protocol has no away state, so the message lives on this
 * connection ({@link IrcConnection#away()}), where WHO, WHOIS and PRIVMSG of the others read it, and
 * ends with it. Changes are announced to the {@code away-notify} clients sharing a room with this
 * user, at most once per {@link IrcConfig#awayIntervalMs()}: an announcement walks the online
 * sessions, so a client flipping AWAY in a loop must not make each flip cost that. Changes in
 * between are coalesced; the latest state goes out when the interval ends. Event loop only.
 */
final class IrcAway {

    private final IrcConnection irc;
    private final IrcNetwork network;
    private final long intervalNanos;
    private long lastAnnouncement = System.nanoTime() - Long.MAX_VALUE / 2;
    private boolean announcementDue;

    IrcAway(IrcConnection irc, IrcNetwork network, IrcConfig config) {
        this.irc = irc;
        this.network = network;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(config.awayIntervalMs());
    }

    /** {@code AWAY :message} sets, {@code AWAY} clears; answered with 306/305 at once. */
    void set(String message) {
        boolean away = message != null && !message.isEmpty();
        irc.away(away ? message : null);
        irc.numeric(away ? "306" : "305",
                away ? "You have been marked as being away" : "You are no longer marked as being away");
        if (announcementDue) {
            return; // the announcement already scheduled will carry the latest state
        }
        long wait = lastAnnouncement + intervalNanos - System.nanoTime();
        if (wait <= 0) {
            announce();
        } else {
            announcementDue = true;
            irc.ctx().executor().schedule(() -> {
                announcementDue = false;
                if (irc.ctx().channel().isActive()) {
                    announce();
                }
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** The connection closed: an away user whose last away connection this was is back, for the others. */
    void closed() {
        if (irc.away() != null) {
            irc.away(null);
            announce();
        }
    }

    /** Tells every IRC connection sharing a room with this user its current away state, on their loops. */
    private void announce() {
        if (!irc.registered) {
            return;
        }
        lastAnnouncement = System.nanoTime();
        String user = irc.nick;
        String message = network.awayOf(user);
        for (IrcConnection other : network.sharingARoomWith(user, irc)) {
            other.ctx().executor().execute(() -> other.awayChanged(user, message));
        }
    }
}
