package chatroom.server.audit;

import chatroom.server.session.Session;
import java.net.InetAddress;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of moderation, administration and authentication: one method per action, each
 * writing one line to the logger {@value #LOGGER} as {@code action=... actor=... target=...
 * address=...} (the time is the log line's). An operator can answer "who banned bob, from where"
 * or "which address tried 150 passwords". It is given names only: never a password, a token or
 * message text, so the trail can be shared with whoever investigates.
 */
public final class Audit {

    /** The logger every audit line goes to; {@link AuditFile} gives it its own file. */
    public static final String LOGGER = "chatroom.audit";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    /** Values printed bare; anything else is quoted and escaped, so a chosen name cannot forge a field. */
    private static final Pattern BARE = Pattern.compile("[\\p{L}\\p{M}\\p{N}_.:@-]{1,128}");
    private static final int MAX_VALUE_LENGTH = 128;

    private Audit() {
    }

    public static void banned(Session by, String user) {
        write("ban", by, user, null);
    }

    public static void unbanned(Session by, String user) {
        write("unban", by, user, null);
    }

    public static void kicked(Session by, String room, String user) {
        write("kick", by, user, "room=" + value(room));
    }

    public static void muted(Session by, String room, String user, Long seconds) {
        write("mute", by, user, "room=" + value(room) + " seconds=" + (seconds == null ? "until_unmuted" : seconds));
    }

    public static void unmuted(Session by, String room, String user) {
        write("unmute", by, user, "room=" + value(room));
    }

    public static void userDeleted(Session by, String user) {
        write("user_delete", by, user, null);
    }

    public static void userRenamed(Session by, String oldName, String newName) {
        write("user_rename", by, oldName, "new_name=" + value(newName));
    }

    /** A password reset by an admin; the new password is never passed here. */
    public static void passwordReset(Session by, String user) {
        write("user_reset", by, user, null);
    }

    public static void roomDeleted(Session by, String room) {
        write("room_delete", by, room, null);
    }

    public static void roomRenamed(Session by, String oldName, String newName) {
        write("room_rename", by, oldName, "new_name=" + value(newName));
    }

    public static void adminGranted(Session by, String user) {
        write("admin_grant", by, user, null);
    }

    public static void adminRevoked(Session by, String user) {
        write("admin_revoke", by, user, null);
    }

    /** A new account; the session is not logged in, so the actor is the address alone. */
    public static void registered(Session from, String user) {
        write("register", from, user, null);
    }

    /** A password login that failed: the name tried (it may not exist) and where from. */
    public static void loginFailed(Session from, String user) {
        write("login_failed", from, user, null);
    }

    /** A token login with a token that is unknown or expired; the token itself is never logged. */
    public static void tokenRefused(Session from) {
        write("token_refused", from, null, null);
    }

    /** A password login refused unchecked because of earlier failures (the login throttle). */
    public static void loginThrottled(Session from, String user) {
        write("login_throttled", from, user, null);
    }

    private static void write(String action, Session session, String target, String details) {
        if (!log.isInfoEnabled()) {
            return;
        }
        String actor = session.isAuthenticated() ? value(session.user()) : "-";
        InetAddress address = session.remoteAddress();
        log.info("action={} actor={} target={} address={}{}", action, actor, value(target),
                address == null ? "-" : address.getHostAddress(), details == null ? "" : " " + details);
    }

    /** A name as printed: bare when it is plain, else quoted with control and quote characters escaped. */
    static String value(String text) {
        if (text == null) {
            return "-";
        }
        if (BARE.matcher(text).matches()) {
            return text;
        }
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().limit(MAX_VALUE_LENGTH).forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (text.codePointCount(0, text.length()) > MAX_VALUE_LENGTH) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}
