package chatroom.client.cli;

import static chatroom.client.cli.ShellContext.done;
import static chatroom.client.cli.ShellContext.required;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Results.HistoryResult;
import chatroom.codec.message.Results.SendResult;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Messages: plain text and {@code /me} to the current window, {@code /msg}, {@code /history}
 * (rooms and direct conversations, paging back), {@code /search}, {@code /edit}, {@code /delete}.
 */
final class ConversationCommands implements CommandGroup {

    static final int DEFAULT_HISTORY = 20;
    /** How an action is sent: the text starts with this marker, as IRC clients type it. */
    static final String ACTION_MARKER = "/me ";
    private static final DateTimeFormatter HIT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final ShellContext ctx;
    /** The conversation {@code /history} showed last and the oldest seq it showed, for paging back. */
    private Conversation pagedConversation;
    private long pagedBefore;

    ConversationCommands(ShellContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<Void> run(CommandSpec spec, ParsedInput in) {
        switch (spec) {
            case MSG -> {
                String user = required(in, 0);
                String text = in.restFrom(1);
                if (text.isEmpty()) {
                    throw new UsageException();
                }
                return send(Conversation.direct(user.startsWith("@") ? user.substring(1) : user), text);
            }
            case ME -> {
                if (in.text().isEmpty()) {
                    throw new UsageException();
                }
                return send(ctx.requireConversation(), ACTION_MARKER + in.text());
            }
            case HISTORY -> {
                return history(in);
            }
            case SEARCH -> {
                if (in.text().isEmpty()) {
                    throw new UsageException();
                }
                return search(in.text());
            }
            case EDIT -> {
                boolean seqGiven = in.words().size() >= 2 && isSeq(in.words().get(0));
                String text = in.restFrom(seqGiven ? 1 : 0);
                if (text.isEmpty()) {
                    throw new UsageException();
                }
                Conversation c = ctx.requireConversation();
                long seq = seqGiven ? Long.parseLong(in.words().get(0)) : lastOwnSeq(c);
                return ctx.handle(c.isDirect() ? ctx.client.editWith(c.with(), seq, text)
                        : ctx.client.edit(c.room(), seq, text), ok -> ctx.view.result(ok));
            }
            case DELETE -> {
                Conversation c = ctx.requireConversation();
                long seq = in.word(0).filter(ConversationCommands::isSeq).map(Long::parseLong).orElseGet(() -> lastOwnSeq(c));
                return ctx.handle(c.isDirect() ? ctx.client.deleteWith(c.with(), seq)
                        : ctx.client.delete(c.room(), seq), ok -> ctx.view.result(ok));
            }
            default -> throw new IllegalArgumentException(spec.name());
        }
    }

    /** Plain text: to the current window's room or user. */
    CompletableFuture<Void> sendText(String text) {
        Conversation current = ctx.windows.currentConversation();
        if (current == null) {
            ctx.view.error("no_room", "this is the status window: /join ROOM, /query USER or /window N first");
            return done();
        }
        return send(current, text);
    }

    private CompletableFuture<Void> send(Conversation to, String text) {
        return ctx.handle(SendRetry.call(() -> to.isDirect() ? ctx.client.sendDirect(to.with(), text)
                : ctx.client.send(to.room(), text), ctx.options.sendRetries()), (SendResult ok) -> {
                    ctx.windows.open(to).sentOwn(ok.seq());
                    if (to.isDirect()) {
                        ctx.knownUsers.add(to.with());
                    }
                });
    }

    private long lastOwnSeq(Conversation c) {
        long seq = ctx.windows.find(c).map(Window::lastOwnSeq).orElse(0L);
        if (seq <= 0) {
            throw new UsageException(); // nothing of yours here yet: name the seq
        }
        return seq;
    }

    private CompletableFuture<Void> history(ParsedInput in) {
        Conversation target = null;
        Integer limit = null;
        for (String word : in.words()) {
            if (isSeq(word)) {
                limit = Integer.parseInt(word);
            } else {
                target = Conversation.parse(word);
            }
        }
        Conversation c = target != null ? target : ctx.requireConversation();
        int count = limit != null ? limit : DEFAULT_HISTORY;
        Long before = c.sameAs(pagedConversation) && pagedBefore > 1 ? pagedBefore : null;
        CompletableFuture<HistoryResult> request = c.isDirect() ? ctx.client.historyWith(c.with(), before, null, count)
                : ctx.client.history(c.room(), before, null, count);
        return ctx.handle(request, ok -> {
            ctx.view.result(ok);
            List<ChatMessage> messages = ok.messages();
            pagedConversation = c;
            pagedBefore = messages.isEmpty() ? 1 : messages.stream().mapToLong(ChatMessage::seq).min().orElse(1);
            if (ctx.view.human()) {
                ctx.view.system((before == null ? "last " : "") + messages.size() + " message(s) of " + c.label()
                        + (before == null ? "" : " before #" + before) + ":");
                for (ChatMessage m : messages) {
                    ctx.authors.add(Conversation.of(m), m.seq(), m.from());
                    ctx.view.message(m, ctx.client.user());
                }
            }
        });
    }

    private CompletableFuture<Void> search(String query) {
        return ctx.handle(ctx.client.search(query, null, null, null, null), ok -> {
            ctx.view.result(ok);
            if (!ctx.view.human()) {
                return;
            }
            ctx.view.system(ok.hits().size() + (ok.more() ? "+" : "") + " hit(s) for " + query + ":");
            for (ChatMessage hit : ok.hits()) {
                String when = HIT_TIME.format(Instant.ofEpochMilli(hit.ts()).atZone(ZoneId.systemDefault()));
                ctx.view.system("[" + Conversation.of(hit).label() + " #" + hit.seq() + " " + when + "] " + hit.from()
                        + ": " + hit.text());
            }
        });
    }

    private static boolean isSeq(String word) {
        return !word.isEmpty() && word.length() < 19 && word.chars().allMatch(Character::isDigit);
    }
}
