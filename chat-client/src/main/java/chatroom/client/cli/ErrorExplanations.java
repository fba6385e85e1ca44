package chatroom.client.cli;

/**
 * Puts an error from the server in words a user can act on, for the codes whose cause is not
 * obvious from the server's own message. The code stays first, so scripts can still match it.
 */
final class ErrorExplanations {

    private ErrorExplanations() {
    }

    /** The text to show for an error with this code and server message. */
    static String explain(String code, String serverMessage) {
        if ("quota_exceeded".equals(code)) {
            return "not uploaded: the server has no room for this file (your file quota, the server's space for"
                    + " files, or its free disk is used up; ask an admin). Server: " + serverMessage;
        }
        return serverMessage;
    }
}
