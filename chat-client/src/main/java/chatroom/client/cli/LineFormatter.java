package chatroom.client.cli;

import chatroom.codec.message.Bye;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import chatroom.codec.message.FileShared;
import chatroom.codec.message.Muted;
import chatroom.codec.message.Renamed;
import chatroom.codec.message.RoomDeleted;
import chatroom.codec.message.Unmuted;
import chatroom.codec.message.Kicked;
import chatroom.codec.message.MessageDeleted;
import chatroom.codec.message.MessageEdited;
import chatroom.codec.message.Presence;
import chatroom.codec.message.TopicChanged;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Turns messages and events into one line each: {@code [room] from: text}, {@code * system line}.
 * With colour, own messages, mentions of the user and system lines stand out; with timestamps,
 * each message starts with its time. Widths are counted in terminal columns, so CJK names (two
 * columns per character) line up too.
 */
final class LineFormatter {

    /** Columns the sender's name is padded to in the terminal. */
    static final int NAME_COLUMNS = 10;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final boolean color;
    private final boolean timestamps;
    private final ZoneId zone;

    LineFormatter(boolean color, boolean timestamps, ZoneId zone) {
        this.color = color;
        this.timestamps = timestamps;
        this.zone = zone;
    }

    /** A plain formatter: no colour, no timestamps (scriptable mode). */
    static LineFormatter plain() {
        return new LineFormatter(false, false, ZoneId.systemDefault());
    }

    AttributedString message(ChatMessage m, String me) {
        AttributedStringBuilder line = new AttributedStringBuilder();
        if (timestamps) {
            line.style(dim()).append(TIME.format(Instant.ofEpochMilli(m.ts()).atZone(zone))).append(' ');
        }
        line.style(dim()).append(where(m.room(), m.with()));
        boolean own = me != null && me.equalsIgnoreCase(m.from());
        String text = m.isDeleted() ? "(deleted)" : m.text();
        boolean mention = me != null && !own && text != null && mentions(text, me);
        AttributedStyle name = own ? style(AttributedStyle.GREEN) : style(AttributedStyle.CYAN);
        if (text != null && text.startsWith(ConversationCommands.ACTION_MARKER)) {
            line.style(AttributedStyle.DEFAULT).append("* ").style(name).append(m.from()).style(AttributedStyle.DEFAULT)
                    .append(' ').append(text.substring(ConversationCommands.ACTION_MARKER.length()));
        } else {
            line.style(name).append(timestamps ? padColumns(m.from(), NAME_COLUMNS) : m.from());
            line.style(AttributedStyle.DEFAULT).append(": ");
            line.style(mention ? bold(AttributedStyle.YELLOW) : AttributedStyle.DEFAULT).append(text);
        }
        if (m.editedTs() != null && !m.isDeleted()) {
            line.style(dim()).append(" (edited)");
        }
        return line.toAttributedString();
    }

    /** {@code [study] bob edited #42: new text}; {@code author} null when the message is older than the session. */
    AttributedString edited(MessageEdited e, String author) {
        return new AttributedStringBuilder().style(dim()).append(where(e.room(), e.with()))
                .style(AttributedStyle.DEFAULT).append(author == null ? "message" : author).append(" edited #")
                .append(String.valueOf(e.seq())).append(": ").append(e.text()).toAttributedString();
    }

    /** The status line: the current window, then irssi's {@code [Act: 2,5]} with mentions highlighted. */
    AttributedString windows(int current, String label, List<Windows.Activity> activity) {
        AttributedStringBuilder line = new AttributedStringBuilder().style(dim())
                .append("[" + current + ":" + label + "]");
        if (!activity.isEmpty()) {
            line.style(AttributedStyle.DEFAULT).append(" [Act: ");
            for (int i = 0; i < activity.size(); i++) {
                if (i > 0) {
                    line.style(AttributedStyle.DEFAULT).append(",");
                }
                Windows.Activity a = activity.get(i);
                line.style(a.mention() ? bold(AttributedStyle.MAGENTA) : AttributedStyle.DEFAULT)
                        .append(String.valueOf(a.window()));
            }
            line.style(AttributedStyle.DEFAULT).append("]");
        }
        return line.toAttributedString();
    }

    private static String where(String room, String with) {
        return room != null ? "[" + room + "] " : "[@" + with + "] ";
    }

    AttributedString event(Event event) {
        String text;
        if (event instanceof Presence p) {
            text = switch (p.event()) {
                case Presence.JOIN -> p.user() + " joined " + p.room();
                case Presence.LEAVE -> p.user() + " left " + p.room();
                case Presence.ONLINE -> p.user() + " is online";
                case Presence.OFFLINE -> p.user() + " went offline";
                default -> p.user() + " " + p.event() + " " + p.room();
            };
        } else if (event instanceof TopicChanged t) {
            text = t.by() + " set the topic of " + t.room() + ": " + t.topic();
        } else if (event instanceof Kicked k) {
            text = "you were removed from " + k.room() + " by " + k.by()
                    + (k.reason() == null || k.reason().isEmpty() ? "" : " (" + k.reason() + ")");
        } else if (event instanceof Muted m) {
            text = "you were muted in " + m.room() + " by " + m.by() + (m.until() == null ? " until unmuted"
                    : " until " + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                            .format(java.time.Instant.ofEpochMilli(m.until()).atZone(java.time.ZoneId.systemDefault())));
        } else if (event instanceof Unmuted u) {
            text = "you may send to " + u.room() + " again (" + u.by() + ")";
        } else if (event instanceof RoomDeleted d) {
            text = "the room " + d.room() + " was deleted";
        } else if (event instanceof Renamed r) {
            text = ("room".equals(r.kind()) ? "the room " : "") + r.old() + " is now called " + r.newName();
        } else if (event instanceof FileShared f) {
            text = f.from() + " shared " + f.name() + " (" + ProgressBar.bytes(f.size()) + ") in " + f.room()
                    + ": /download " + f.fileId();
        } else if (event instanceof MessageDeleted d) {
            return new AttributedStringBuilder().style(dim()).append(where(d.room(), d.with()))
                    .style(AttributedStyle.DEFAULT).append(d.by()).append(" deleted #").append(String.valueOf(d.seq()))
                    .toAttributedString();
        } else if (event instanceof Bye b) {
            text = "the server closed the connection: " + b.reason();
        } else {
            text = event.type();
        }
        return system(text);
    }

    AttributedString system(String text) {
        return new AttributedStringBuilder().style(dim()).append("* ").append(text).toAttributedString();
    }

    AttributedString error(String text) {
        return new AttributedStringBuilder().style(style(AttributedStyle.RED)).append("! ").append(text)
                .toAttributedString();
    }

    static boolean mentions(String text, String me) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("@" + me.toLowerCase(Locale.ROOT));
    }

    /** Pads to {@code columns} terminal columns (CJK characters count two). */
    static String padColumns(String text, int columns) {
        int width = new AttributedString(text).columnLength();
        return width >= columns ? text : text + " ".repeat(columns - width);
    }

    private AttributedStyle style(int colour) {
        return color ? AttributedStyle.DEFAULT.foreground(colour) : AttributedStyle.DEFAULT;
    }

    private AttributedStyle bold(int colour) {
        return color ? AttributedStyle.BOLD.foreground(colour) : AttributedStyle.DEFAULT;
    }

    private AttributedStyle dim() {
        return color ? AttributedStyle.DEFAULT.faint() : AttributedStyle.DEFAULT;
    }
}
