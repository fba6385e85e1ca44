package chatroom.client.cli;

import chatroom.codec.message.Results.ConversationEntry;
import java.util.ArrayList;
import java.util.List;

/** What waits for the user after login, in one line: {@code 3 unread in #study (1 mention), 1 direct message from bob}. */
final class LoginSummary {

    private LoginSummary() {
    }

    static String of(List<ConversationEntry> conversations) {
        List<String> parts = new ArrayList<>();
        for (ConversationEntry entry : conversations) {
            if (entry.unread() <= 0) {
                continue;
            }
            if (entry.with() != null) {
                parts.add(entry.unread() + " direct message" + (entry.unread() == 1 ? "" : "s") + " from " + entry.with());
            } else {
                parts.add(entry.unread() + " unread in #" + entry.room() + (entry.mentions() == 0 ? ""
                        : " (" + entry.mentions() + " mention" + (entry.mentions() == 1 ? "" : "s") + ")"));
            }
        }
        return parts.isEmpty() ? "nothing unread" : String.join(", ", parts);
    }
}
