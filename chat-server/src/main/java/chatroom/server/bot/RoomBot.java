package chatroom.server.bot;

import chatroom.common.Futures;
import chatroom.server.bot.CompletionsClient.Turn;
import chatroom.server.room.Room;
import chatroom.server.store.MessageStore;
import chatroom.server.store.NewMessage;
import chatroom.server.store.StoredMessage;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers room messages that start with {@code @bot}. The answer (or, when the endpoint is slow,
 * down or answers nonsense, a short apology) is stored and broadcast like any room message from
 * the user {@code bot}. Nothing here runs on an event loop or waits: history comes from the
 * store's reader, the call runs on the HTTP client's threads, the answer goes back through the
 * store's writer.
 */
public final class RoomBot implements AutoCloseable {

    static final String MENTION = "@bot";
    /** Longest answer stored, in characters (the protocol's limit for any message). */
    private static final int MAX_ANSWER_LENGTH = 4000;

    private static final Logger log = LoggerFactory.getLogger(RoomBot.class);

    private final BotConfig config;
    private final MessageStore store;
    private final Clock clock;
    private final CompletionsClient client;
    private final AtomicInteger inProgress = new AtomicInteger();

    public RoomBot(BotConfig config, MessageStore store, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.client = new CompletionsClient(config);
    }

    /** Whether a message's text calls the bot: {@code @bot} as its first word. */
    public static boolean mentions(String text) {
        if (!text.regionMatches(true, 0, MENTION, 0, MENTION.length())) {
            return false;
        }
        return text.length() == MENTION.length() || !Character.isLetterOrDigit(text.codePointAt(MENTION.length()));
    }

    /** Answers {@code trigger}, a stored message of {@code room} that mentions the bot; returns at once. */
    public void mentioned(Room room, StoredMessage trigger) {
        if (BotConfig.USER.equalsIgnoreCase(trigger.from())) {
            return;
        }
        if (inProgress.incrementAndGet() > config.maxConcurrent()) {
            inProgress.decrementAndGet();
            post(room, "Sorry, I am answering too many questions at once; ask me again in a moment.");
            return;
        }
        store.history(room.conversation(), trigger.seq() + 1, null, config.contextMessages())
                .thenCompose(recent -> client.complete(turns(room, recent)))
                .handle((answer, error) -> error == null ? shorten(answer) : apology(room, error))
                .whenComplete((text, error) -> inProgress.decrementAndGet())
                .thenAccept(text -> post(room, text));
    }

    private List<Turn> turns(Room room, List<StoredMessage> recent) {
        List<Turn> turns = new ArrayList<>();
        turns.add(new Turn("system", "You are " + BotConfig.USER + ", a helpful assistant in the chat room '"
                + room.name() + "'. Messages from people are written as 'name: text'. Answer the latest message"
                + " that mentions @" + BotConfig.USER + " briefly, in the language it was written in."));
        for (StoredMessage m : recent) {
            boolean fromBot = BotConfig.USER.equalsIgnoreCase(m.from());
            turns.add(new Turn(fromBot ? "assistant" : "user", fromBot ? m.text() : m.from() + ": " + m.text()));
        }
        return turns;
    }

    private static String shorten(String answer) {
        if (answer.codePointCount(0, answer.length()) <= MAX_ANSWER_LENGTH) {
            return answer;
        }
        return answer.substring(0, answer.offsetByCodePoints(0, MAX_ANSWER_LENGTH - 1)) + "…";
    }

    private static String apology(Room room, Throwable error) {
        Throwable cause = Futures.unwrap(error);
        String reason;
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            reason = "the assistant took too long";
        } else if (cause instanceof ConnectException) {
            reason = "the assistant cannot be reached";
        } else if (cause instanceof CompletionsClient.BotException) {
            reason = cause.getMessage();
        } else {
            reason = "the assistant failed";
        }
        log.warn("bot could not answer in {}: {}", room.name(), cause.toString());
        return "Sorry, I cannot answer right now (" + reason + ").";
    }

    private void post(Room room, String text) {
        store.append(new NewMessage(room.conversation(), clock.millis(), BotConfig.USER, null, text, null))
                .exceptionally(error -> {
                    log.warn("bot answer in {} not stored: {}", room.name(), error.toString());
                    return null;
                });
    }

    @Override
    public void close() {
        client.close();
    }
}
