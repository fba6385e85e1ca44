package chatroom.server.store;

import java.util.List;

/** A page of {@link ConversationSummary}s, most recent activity first; {@code more}: some were left out. */
public record ConversationPage(List<ConversationSummary> conversations, boolean more) {
}
