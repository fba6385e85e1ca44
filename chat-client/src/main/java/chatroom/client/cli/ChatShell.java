package chatroom.client.cli;

import chatroom.client.ChatClient;
import chatroom.client.ChatException;
import chatroom.client.ChatListener;
import chatroom.client.ConnectionState;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import chatroom.codec.message.FileData;
import chatroom.codec.message.Kicked;
import chatroom.codec.message.Renamed;
import chatroom.codec.message.RoomDeleted;
import chatroom.codec.message.Presence;
import chatroom.codec.message.Results.FileInfo;
import chatroom.codec.message.Results.JoinResult;
import chatroom.codec.message.Results.LoginResult;
import chatroom.codec.message.Results.MemberStatus;
import chatroom.codec.message.Results.RoomSeq;
import chatroom.codec.message.Results.RoomSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The command language of the client, independent of how lines are read and shown: plain text goes
 * to the current room, {@code /commands} become requests, and results, events and errors go to a
 * {@link ShellView}. Each {@link #execute} completes when its command's replies are in.
 */
final class ChatShell implements ChatListener {

    static final int DEFAULT_HISTORY = 20;
    /** The room every user is in; the natural current room after login. */
    private static final String LOBBY = "lobby";

    private final ChatClient client;
    private final ShellView view;
    private final Set<String> knownRooms = new ConcurrentSkipListSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> knownUsers = new ConcurrentSkipListSet<>(String.CASE_INSENSITIVE_ORDER);
    private volatile String currentRoom;
    private volatile boolean quit;
    private volatile boolean loginFailed;

    ChatShell(ChatClient client, ShellView view) {
        this.client = client;
        this.view = view;
        client.addListener(this);
    }

    String currentRoom() {
        return currentRoom;
    }

    boolean quitRequested() {
        return quit;
    }

    boolean loginFailed() {
        return loginFailed;
    }

    /** Rooms and users seen so far, for completion. */
    Set<String> knownRooms() {
        return knownRooms;
    }

    Set<String> knownUsers() {
        return knownUsers;
    }

    // ---- what the server pushes ----

    @Override
    public void onMessage(ChatMessage message) {
        knownUsers.add(message.from());
        view.message(message, client.user());
    }

    @Override
    public void onEvent(Event event) {
        if (event instanceof FileData) {
            return; // the bytes of a download, not something to show
        }
        if (event instanceof Presence presence) {
            knownUsers.add(presence.user());
        } else if (event instanceof Kicked kicked && kicked.room().equalsIgnoreCase(String.valueOf(currentRoom))) {
            currentRoom = null;
        } else if (event instanceof RoomDeleted deleted) {
            knownRooms.remove(deleted.room());
            if (deleted.room().equalsIgnoreCase(String.valueOf(currentRoom))) {
                currentRoom = null;
            }
        } else if (event instanceof Renamed renamed && "room".equals(renamed.kind())) {
            knownRooms.remove(renamed.old());
            knownRooms.add(renamed.newName());
            if (renamed.old().equalsIgnoreCase(String.valueOf(currentRoom))) {
                currentRoom = renamed.newName();
            }
        }
        view.event(event);
    }

    @Override
    public void onStateChange(ConnectionState state, String detail) {
        switch (state) {
            case CONNECTING -> view.system("connecting to " + detail);
            case CONNECTED -> view.system("connected to " + detail);
            case RECONNECTING -> view.system("connection lost; " + detail);
            case RESUMED -> view.system(detail);
            case IDLE -> view.system("the server closed the connection because nobody logged in; "
                    + "the next command reconnects");
            case CLOSED -> view.system("disconnected");
        }
    }

    // ---- commands ----

    /** Runs one typed line; completes when it is done (never exceptionally). */
    CompletableFuture<Void> execute(String line) {
        ParsedInput input = ParsedInput.parse(line);
        if (!input.isCommand()) {
            if (input.text().isEmpty()) {
                return done();
            }
            if (currentRoom == null) {
                view.error("no_room", "join a room first: /join ROOM");
                return done();
            }
            return handle(client.send(currentRoom, input.text()), sent -> { });
        }
        var spec = CommandSpec.find(input.command());
        if (spec.isEmpty()) {
            view.error("unknown_command", "/" + input.command() + " is not a command");
            help(null);
            return done();
        }
        try {
            return run(spec.get(), input);
        } catch (UsageException e) {
            view.error("usage", spec.get().usage() + "  (" + spec.get().description() + ")");
            return done();
        }
    }

    private CompletableFuture<Void> run(CommandSpec spec, ParsedInput in) {
        switch (spec) {
            case REGISTER -> {
                String user = in.word(0).orElseGet(() -> ask("user name: "));
                String password = in.word(1).orElseGet(() -> askSecret("password: "));
                return handle(client.register(user, password), ok -> view.system("registered " + ok.user()
                        + "; now /login " + ok.user()));
            }
            case LOGIN -> {
                String user = in.word(0).orElseGet(() -> ask("user name: "));
                String password = in.word(1).orElseGet(() -> askSecret("password: "));
                return login(client.login(user, password));
            }
            case LOGOUT -> {
                return handle(client.logout(), ok -> {
                    view.system("logged out");
                    quit = true;
                });
            }
            case JOIN -> {
                String room = required(in, 0);
                return handle(client.join(room), this::joined);
            }
            case LEAVE -> {
                String room = in.word(0).orElseGet(this::requireCurrentRoom);
                return handle(client.leave(room), ok -> {
                    view.system("left " + room);
                    if (room.equalsIgnoreCase(String.valueOf(currentRoom))) {
                        currentRoom = client.joinedRooms().stream().findFirst().orElse(null);
                    }
                });
            }
            case SWITCH -> {
                String room = required(in, 0);
                String joined = client.joinedRooms().stream().filter(r -> r.equalsIgnoreCase(room)).findFirst()
                        .orElse(null);
                if (joined == null) {
                    view.error("not_member", "you have not joined " + room + " (use /join " + room + ")");
                } else {
                    currentRoom = joined;
                    view.system("now in " + joined);
                }
                return done();
            }
            case ROOMS -> {
                return handle(client.rooms(), ok -> {
                    view.result(ok);
                    for (RoomSummary room : ok.rooms()) {
                        knownRooms.add(room.room());
                        view.system(room.room() + " (" + room.members() + ")"
                                + (room.topic().isEmpty() ? "" : " - " + room.topic()));
                    }
                });
            }
            case MEMBERS -> {
                String room = in.word(0).orElseGet(this::requireCurrentRoom);
                return handle(client.members(room), ok -> {
                    view.result(ok);
                    List<String> names = new ArrayList<>();
                    for (MemberStatus member : ok.members()) {
                        knownUsers.add(member.user());
                        names.add(member.user() + (member.online() ? "" : " (offline)"));
                    }
                    view.system(ok.room() + ": " + String.join(", ", names) + (ok.more() ? ", ..." : ""));
                });
            }
            case USERS -> {
                return handle(client.users(), ok -> {
                    view.result(ok);
                    knownUsers.addAll(ok.users());
                    view.system("online: " + String.join(", ", ok.users()));
                });
            }
            case TOPIC -> {
                boolean roomGiven = in.words().size() >= 2 && isJoined(in.words().get(0));
                String room = roomGiven ? in.words().get(0) : requireCurrentRoom();
                String topic = in.restFrom(roomGiven ? 1 : 0);
                if (topic.isEmpty()) {
                    throw new UsageException();
                }
                return handle(client.topic(room, topic), ok -> { });
            }
            case MSG -> {
                String user = required(in, 0);
                String text = in.restFrom(1);
                if (text.isEmpty()) {
                    throw new UsageException();
                }
                return handle(client.sendDirect(user, text), ok -> knownUsers.add(ok.to()));
            }
            case HISTORY -> {
                String room = null;
                Integer limit = null;
                for (String word : in.words()) {
                    if (word.chars().allMatch(Character::isDigit)) {
                        limit = Integer.parseInt(word);
                    } else {
                        room = word;
                    }
                }
                String target = room != null ? room : requireCurrentRoom();
                int count = limit != null ? limit : DEFAULT_HISTORY;
                return handle(client.history(target, null, null, count), ok -> {
                    view.result(ok);
                    if (view.human()) {
                        view.system("last " + ok.messages().size() + " message(s) of " + ok.room() + ":");
                        ok.messages().forEach(m -> view.message(m, client.user()));
                    }
                });
            }
            case CREATE -> {
                String room = required(in, 0);
                List<String> invited = in.words().subList(1, in.words().size());
                return handle(client.createPrivate(room).thenCompose(ok -> {
                    joined(ok);
                    CompletableFuture<?>[] invites = invited.stream().map(user -> client.invite(ok.room(), user)
                            .handle((done, error) -> {
                                if (error != null) {
                                    showError(error);
                                } else {
                                    knownUsers.add(user);
                                }
                                return null;
                            })).toArray(CompletableFuture[]::new);
                    return CompletableFuture.allOf(invites).thenApply(all -> ok);
                }), ok -> view.system("created the private room " + ok.room()
                        + (invited.isEmpty() ? "" : " with " + String.join(", ", invited))));
            }
            case INVITE -> {
                String room = required(in, 0);
                String user = required(in, 1);
                return handle(client.invite(room, user), ok -> view.system("invited " + user + " to " + room));
            }
            case MUTE -> {
                String room = required(in, 0);
                String user = required(in, 1);
                Long seconds = in.word(2).map(ChatShell::seconds).orElse(null);
                return handle(client.mute(room, user, seconds), ok -> view.system("muted " + user + " in " + room
                        + (seconds == null ? " until /unmute" : " for " + seconds + " s")));
            }
            case UNMUTE -> {
                String room = required(in, 0);
                String user = required(in, 1);
                return handle(client.unmute(room, user), ok -> view.system("unmuted " + user + " in " + room));
            }
            case ADMIN -> {
                return admin(in);
            }
            case KICK -> {
                String room = required(in, 0);
                String user = required(in, 1);
                String reason = in.restFrom(2);
                return handle(client.kick(room, user, reason.isEmpty() ? null : reason),
                        ok -> view.system("kicked " + user + " from " + room));
            }
            case BAN -> {
                String user = required(in, 0);
                String reason = in.restFrom(1);
                return handle(client.ban(user, reason.isEmpty() ? null : reason), ok -> view.system("banned " + user));
            }
            case UNBAN -> {
                String user = required(in, 0);
                return handle(client.unban(user), ok -> view.system("unbanned " + user));
            }
            case UPLOAD -> {
                Path path = Path.of(required(in, 0));
                String room = in.word(1).orElseGet(this::requireCurrentRoom);
                if (!Files.isRegularFile(path)) {
                    view.error("no_such_file", path + " is not a file");
                    return done();
                }
                String label = "upload " + path.getFileName();
                return handle(client.files().upload(room, path, (done, total) -> view.progress(label, done, total))
                        .whenComplete((ok, error) -> view.progressDone()), ok -> {
                    view.result(ok);
                    view.system("shared " + ok.name() + " (" + ProgressBar.bytes(ok.size()) + ") in " + room
                            + " as " + ok.fileId());
                });
            }
            case FILES -> {
                String room = in.word(0).orElseGet(this::requireCurrentRoom);
                return handle(client.files().list(room), ok -> {
                    view.result(ok);
                    if (ok.files().isEmpty()) {
                        view.system("no files in " + room);
                    }
                    for (FileInfo f : ok.files()) {
                        view.system(f.fileId() + "  " + f.name() + "  " + ProgressBar.bytes(f.size()) + "  from "
                                + f.from());
                    }
                });
            }
            case DOWNLOAD -> {
                String fileId = required(in, 0);
                Path target = Path.of(in.restFrom(1).isEmpty() ? "." : in.restFrom(1));
                String label = "download " + fileId;
                return handle(client.files().download(fileId, target, (done, total) -> view.progress(label, done, total))
                        .whenComplete((ok, error) -> view.progressDone()), ok -> {
                    view.result(java.util.Map.of("file_id", fileId, "path", ok.toString()));
                    view.system("saved " + ok);
                });
            }
            case HELP -> {
                help(in.word(0).orElse(null));
                return done();
            }
            case QUIT -> {
                quit = true;
                return done();
            }
        }
        return done();
    }

    private static Long seconds(String word) {
        try {
            return Long.parseLong(word);
        } catch (NumberFormatException e) {
            throw new UsageException();
        }
    }

    /** {@code /admin SUBCOMMAND ...}: the server admin's commands. */
    private CompletableFuture<Void> admin(ParsedInput in) {
        String sub = in.word(0).orElse("help");
        switch (sub) {
            case "delete-user" -> {
                String user = required(in, 1);
                return handle(client.deleteUser(user), ok -> view.system("deleted the account " + user));
            }
            case "rename-user" -> {
                String user = required(in, 1);
                String newName = required(in, 2);
                return handle(client.renameUser(user, newName), ok -> view.system("renamed " + user + " to " + newName));
            }
            case "reset-password" -> {
                String user = required(in, 1);
                String password = in.word(2).orElseGet(() -> askSecret("new password for " + user + ": "));
                return handle(client.resetPassword(user, password), ok -> view.system("set a new password for " + user
                        + "; their sessions were closed"));
            }
            case "grant" -> {
                String user = required(in, 1);
                return handle(client.grantAdmin(user), ok -> view.system(user + " is now a server admin"));
            }
            case "revoke" -> {
                String user = required(in, 1);
                return handle(client.revokeAdmin(user), ok -> view.system(user + " is no longer a server admin"));
            }
            case "delete-room" -> {
                String room = required(in, 1);
                return handle(client.deleteRoom(room), ok -> view.system("deleted the room " + room));
            }
            case "rename-room" -> {
                String room = required(in, 1);
                String newName = required(in, 2);
                return handle(client.renameRoom(room, newName), ok -> view.system("renamed the room " + room + " to "
                        + newName));
            }
            default -> {
                if (!"help".equals(sub)) {
                    view.error("usage", "/admin " + sub + " is not an admin command");
                }
                view.system("admin commands (server admins only):");
                view.system("  /admin delete-user USER             remove an account (its messages stay)");
                view.system("  /admin rename-user USER NEW_NAME    rename an account; messages follow");
                view.system("  /admin reset-password USER [PASS]   set a new password (asked for if missing)");
                view.system("  /admin grant USER                   make an account a server admin");
                view.system("  /admin revoke USER                  take an account's admin rights (not the last admin's)");
                view.system("  /admin delete-room ROOM             delete a room (its messages are kept)");
                view.system("  /admin rename-room ROOM NEW_NAME    rename a room; messages and files follow");
                return done();
            }
        }
    }

    /** Logs in (password or token) and rejoins the user's rooms so they resume after reconnects. */
    CompletableFuture<Void> login(CompletableFuture<LoginResult> login) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        login.whenComplete((ok, error) -> {
            if (error != null) {
                loginFailed = true;
                showError(error);
                done.complete(null);
                return;
            }
            loginFailed = false;
            List<String> rooms = ok.rooms().stream().map(RoomSeq::room).toList();
            knownRooms.addAll(rooms);
            view.result(ok);
            view.system("logged in as " + ok.user() + (rooms.isEmpty() ? "" : "; your rooms: " + String.join(", ", rooms)));
            List<CompletableFuture<?>> joins = new ArrayList<>();
            for (String room : rooms) {
                joins.add(client.join(room));
            }
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).whenComplete((all, joinError) -> {
                if (currentRoom == null && !rooms.isEmpty()) {
                    currentRoom = rooms.stream().filter(LOBBY::equalsIgnoreCase).findFirst().orElse(rooms.get(0));
                }
                if (currentRoom != null) {
                    view.system("current room: " + currentRoom);
                }
                done.complete(null);
            });
        });
        return done;
    }

    private void joined(JoinResult ok) {
        knownRooms.add(ok.room());
        currentRoom = ok.room();
        view.result(ok);
        view.system("joined " + ok.room() + " (" + ok.members() + " member" + (ok.members() == 1 ? "" : "s") + ")"
                + (ok.topic().isEmpty() ? "" : " - topic: " + ok.topic()));
    }

    private void help(String command) {
        if (command != null) {
            var spec = CommandSpec.find(command.startsWith("/") ? command.substring(1) : command);
            if (spec.isPresent()) {
                view.system(spec.get().usage() + "  " + spec.get().description());
                return;
            }
        }
        view.system("type text to send it to the current room, or a command:");
        for (CommandSpec spec : CommandSpec.values()) {
            view.system(String.format("  %-22s %s", spec.usage(), spec.description()));
        }
    }

    private boolean isJoined(String room) {
        return client.joinedRooms().stream().anyMatch(r -> r.equalsIgnoreCase(room));
    }

    private String requireCurrentRoom() {
        if (currentRoom == null) {
            throw new UsageException();
        }
        return currentRoom;
    }

    private static String required(ParsedInput in, int index) {
        return in.word(index).orElseThrow(UsageException::new);
    }

    private String ask(String prompt) {
        String value = view.ask(prompt);
        if (value == null || value.isBlank()) {
            throw new UsageException();
        }
        return value.strip();
    }

    private String askSecret(String prompt) {
        String value = view.askSecret(prompt);
        if (value == null || value.isEmpty()) {
            throw new UsageException();
        }
        return value;
    }

    private <T> CompletableFuture<Void> handle(CompletableFuture<T> request, java.util.function.Consumer<T> onOk) {
        return request.handle((ok, error) -> {
            if (error != null) {
                showError(error);
            } else {
                onOk.accept(ok);
            }
            return null;
        });
    }

    private void showError(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ChatException chat) {
            view.error(chat.code(), ErrorExplanations.explain(chat.code(), chat.getMessage()));
        } else {
            view.error("internal", String.valueOf(cause.getMessage()));
        }
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    /** A command's words do not fit its usage. */
    private static final class UsageException extends RuntimeException {
        UsageException() {
            super(null, null, false, false);
        }
    }
}
