package chatroom.client.cli;

import chatroom.codec.CodecLimits;
import chatroom.codec.JsonCodec;
import chatroom.codec.MessageTypes;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.ErrorReply;
import chatroom.codec.message.Event;
import chatroom.codec.message.Ok;
import java.io.PrintStream;

/** {@code --json}: every event and result as one JSON object per line, as on the wire. Thread-safe. */
final class JsonView implements ShellView {

    private final PrintStream out;
    private final JsonCodec codec = new JsonCodec(CodecLimits.DEFAULT, MessageTypes.SERVER_TO_CLIENT);

    JsonView(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void message(ChatMessage message, String me) {
        out.println(codec.encodeToString(message));
        out.flush();
    }

    @Override
    public synchronized void event(Event event) {
        out.println(codec.encodeToString(event));
        out.flush();
    }

    @Override
    public void system(String text) {
        // people's lines have no place in JSON output
    }

    @Override
    public synchronized void error(String code, String text) {
        out.println(codec.encodeToString(new ErrorReply(null, code, text)));
        out.flush();
    }

    @Override
    public synchronized void result(Object result) {
        out.println(codec.encodeToString(new Ok(null, result)));
        out.flush();
    }

    @Override
    public boolean human() {
        return false;
    }
}
