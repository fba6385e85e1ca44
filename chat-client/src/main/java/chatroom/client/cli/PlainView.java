package chatroom.client.cli;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import java.io.PrintStream;

/** Scriptable mode: one plain line per event and result, no colour, no prompts. Thread-safe. */
final class PlainView implements ShellView {

    private final PrintStream out;
    private final LineFormatter format = LineFormatter.plain();

    PlainView(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void message(ChatMessage message, String me) {
        out.println(format.message(message, me).toString());
        out.flush();
    }

    @Override
    public synchronized void event(Event event) {
        out.println(format.event(event).toString());
        out.flush();
    }

    @Override
    public synchronized void edited(chatroom.codec.message.MessageEdited edited, String author) {
        out.println(format.edited(edited, author).toString());
        out.flush();
    }

    @Override
    public synchronized void system(String text) {
        out.println(format.system(text).toString());
        out.flush();
    }

    @Override
    public synchronized void error(String code, String text) {
        out.println(format.error(code + ": " + text).toString());
        out.flush();
    }
}
