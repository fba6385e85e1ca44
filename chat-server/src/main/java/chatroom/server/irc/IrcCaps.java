package chatroom.server.irc;

import java.util.List;

/** The IRCv3 capabilities the gateway offers in {@code CAP LS}: only those that work. */
final class IrcCaps {

    static final String SASL = "sasl";
    static final String SERVER_TIME = "server-time";
    static final String MESSAGE_TAGS = "message-tags";
    static final String ECHO_MESSAGE = "echo-message";
    static final String BATCH = "batch";
    static final String CHATHISTORY = "draft/chathistory";
    static final String READ_MARKER = "draft/read-marker";
    static final String ACCOUNT_TAG = "account-tag";
    static final String CAP_NOTIFY = "cap-notify";
    static final String EXTENDED_JOIN = "extended-join";
    static final String LABELED_RESPONSE = "labeled-response";
    static final String AWAY_NOTIFY = "away-notify";
    static final String MULTI_PREFIX = "multi-prefix";

    /** Advertised, in this order; {@code sasl} with its one mechanism under CAP 302. */
    static final List<String> OFFERED = List.of(SASL, SERVER_TIME, MESSAGE_TAGS, ECHO_MESSAGE, BATCH,
            CHATHISTORY, READ_MARKER, ACCOUNT_TAG, EXTENDED_JOIN, LABELED_RESPONSE, AWAY_NOTIFY, MULTI_PREFIX,
            CAP_NOTIFY);

    private IrcCaps() {
    }

    static String ls(boolean v302) {
        StringBuilder out = new StringBuilder();
        for (String cap : OFFERED) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(cap);
            if (v302 && cap.equals(SASL)) {
                out.append("=PLAIN");
            }
        }
        return out.toString();
    }

    static boolean offered(String cap) {
        return OFFERED.contains(cap);
    }
}
