package chatroom.client.cli;

import static chatroom.client.cli.ShellContext.required;

import chatroom.codec.message.Results.JoinResult;
import chatroom.codec.message.Results.MemberStatus;
import chatroom.codec.message.Results.RoomSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** {@code /join}, {@code /leave}, {@code /rooms}, {@code /members}, {@code /users}, {@code /topic}, {@code /create}, {@code /invite}. */
final class RoomCommands implements CommandGroup {

    private final ShellContext ctx;
    private final AccountCommands account;

    RoomCommands(ShellContext ctx, AccountCommands account) {
        this.ctx = ctx;
        this.account = account;
    }

    @Override
    public CompletableFuture<Void> run(CommandSpec spec, ParsedInput in) {
        switch (spec) {
            case JOIN -> {
                String room = stripHash(required(in, 0));
                return ctx.handle(ctx.client.join(room), this::joined);
            }
            case LEAVE -> {
                String room = in.word(0).map(RoomCommands::stripHash).orElseGet(ctx::requireCurrentRoom);
                return ctx.handle(ctx.client.leave(room), ok -> {
                    ctx.view.system("left " + room);
                    ctx.windows.find(Conversation.room(room)).ifPresent(ctx.windows::close);
                    ctx.printer.refreshStatus();
                });
            }
            case ROOMS_LIST -> {
                return ctx.handle(ctx.client.rooms(), ok -> {
                    ctx.view.result(ok);
                    for (RoomSummary room : ok.rooms()) {
                        ctx.knownRooms.add(room.room());
                        ctx.view.system(room.room() + " (" + room.members() + ")"
                                + (room.topic().isEmpty() ? "" : " - " + room.topic()));
                    }
                });
            }
            case MEMBERS -> {
                String room = in.word(0).map(RoomCommands::stripHash).orElseGet(ctx::requireCurrentRoom);
                return ctx.handle(ctx.client.members(room), ok -> {
                    ctx.view.result(ok);
                    List<String> names = new ArrayList<>();
                    for (MemberStatus member : ok.members()) {
                        ctx.knownUsers.add(member.user());
                        names.add(member.user() + (member.online() ? "" : " (offline)"));
                    }
                    ctx.view.system(ok.room() + ": " + String.join(", ", names) + (ok.more() ? ", ..." : ""));
                });
            }
            case USERS -> {
                return ctx.handle(ctx.client.users(), ok -> {
                    ctx.view.result(ok);
                    ctx.knownUsers.addAll(ok.users());
                    ctx.view.system("online: " + String.join(", ", ok.users()));
                });
            }
            case TOPIC -> {
                return topic(in);
            }
            case CREATE -> {
                return create(required(in, 0), in.words().subList(1, in.words().size()));
            }
            case INVITE -> {
                String room = required(in, 0);
                String user = required(in, 1);
                return ctx.handle(ctx.client.invite(room, user), ok -> ctx.view.system("invited " + user + " to " + room));
            }
            default -> throw new IllegalArgumentException(spec.name());
        }
    }

    /** {@code /topic} shows the current room's topic, {@code /topic ROOM} that room's, more words set it. */
    private CompletableFuture<Void> topic(ParsedInput in) {
        boolean roomGiven = !in.words().isEmpty() && ctx.isJoined(stripHash(in.words().get(0)));
        String room = roomGiven ? stripHash(in.words().get(0)) : ctx.requireCurrentRoom();
        String topic = in.restFrom(roomGiven ? 1 : 0);
        if (topic.isEmpty()) {
            String known = ctx.topics.getOrDefault(room.toLowerCase(Locale.ROOT), "");
            ctx.view.system(known.isEmpty() ? room + " has no topic" : "topic of " + room + ": " + known);
            return ShellContext.done();
        }
        return ctx.handle(ctx.client.topic(room, topic), ok -> ctx.topics.put(room.toLowerCase(Locale.ROOT), topic));
    }

    private CompletableFuture<Void> create(String name, List<String> invited) {
        return ctx.handle(ctx.client.createPrivate(name).thenCompose(ok -> {
            joined(ok);
            CompletableFuture<?>[] invites = invited.stream().map(user -> ctx.client.invite(ok.room(), user)
                    .handle((done, error) -> {
                        if (error != null) {
                            ctx.showError(error);
                        } else {
                            ctx.knownUsers.add(user);
                        }
                        return null;
                    })).toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(invites).thenApply(all -> ok);
        }), ok -> ctx.view.system("created the private room " + ok.room()
                + (invited.isEmpty() ? "" : " with " + String.join(", ", invited))));
    }

    private void joined(JoinResult ok) {
        ctx.knownRooms.add(ok.room());
        account.rememberTopic(ok);
        ctx.view.result(ok);
        ctx.view.system("joined " + ok.room() + " (" + ok.members() + " member" + (ok.members() == 1 ? "" : "s") + ")"
                + (ok.topic().isEmpty() ? "" : " - topic: " + ok.topic()));
        ctx.printer.focus(ctx.windows.open(Conversation.room(ok.room())), false);
    }

    static String stripHash(String room) {
        return room.startsWith("#") && room.length() > 1 ? room.substring(1) : room;
    }
}
