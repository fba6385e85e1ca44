package chatroom.server.irc;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A live chat message's IRC lines, made once per broadcast and shared by every IRC recipient (it
 * travels in the broadcast's {@code SharedEvent}). Recipients differ only in the tags their
 * capabilities ask for (server-time, msgid, account: eight combinations) and, for a direct
 * message, in the target; the lines of each combination are split and encoded on first use, and
 * the same bytes go to every recipient with that combination. Any event loop may call it.
 */
final class IrcRendering {

    private final ChatMessage message;
    /** The conversation's target ({@code #room}, or the other party): made once, not per recipient. */
    private final String conversation;
    private final AtomicReferenceArray<Lines> byTags = new AtomicReferenceArray<>(IrcConnection.MESSAGE_TAG_SETS);

    private IrcRendering(ChatMessage message) {
        this.message = message;
        this.conversation = IrcConnection.target(message);
    }

    /** {@link IrcConnection#target} of the message. */
    String conversation() {
        return conversation;
    }

    /** The rendering of a broadcast's event (a {@link ChatMessage}). */
    static IrcRendering of(Event event) {
        return new IrcRendering((ChatMessage) event);
    }

    /**
     * The encoded lines (each ending in CR LF) for a recipient whose tag capabilities are
     * {@code tagSet} ({@link IrcConnection#messageTagSet}), addressed to {@code target}. Shared:
     * callers only read it.
     */
    byte[] lines(IrcConnection irc, int tagSet, String target) {
        Lines made = byTags.get(tagSet);
        if (made != null && made.target.equals(target)) {
            return made.bytes;
        }
        Lines fresh = new Lines(target, render(irc, target));
        if (made == null) {
            byTags.compareAndSet(tagSet, null, fresh);
        }
        return fresh.bytes;
    }

    private byte[] render(IrcConnection irc, String target) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (IrcMessage line : IrcConnection.chatLines(message, "PRIVMSG", target, irc.messageTags(message, null))) {
            out.writeBytes(line.format().getBytes(StandardCharsets.UTF_8));
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private record Lines(String target, byte[] bytes) {
    }
}
