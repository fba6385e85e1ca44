package chatroom.client.cli;

/** A command's words do not fit its usage; the shell answers with the command's usage line. */
final class UsageException extends RuntimeException {

    UsageException() {
        super(null, null, false, false);
    }
}
