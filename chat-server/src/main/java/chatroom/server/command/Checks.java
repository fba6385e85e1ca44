package chatroom.server.command;

import java.util.concurrent.CompletionStage;
import chatroom.server.store.UserRecord;
import chatroom.codec.message.ErrorCode;
import chatroom.server.room.Room;
import chatroom.server.session.Session;
import chatroom.server.store.Names;

/** Argument checks shared by the request handlers; each failure is a {@link RequestException}. */
final class Checks {

    private Checks() {
    }

    static String required(String value, String field) {
        if (value == null) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "missing field '" + field + "'");
        }
        return value;
    }

    static String roomName(String name) {
        required(name, "room");
        if (!Names.isValidRoom(name)) {
            throw new RequestException(ErrorCode.INVALID_NAME,
                    "room names are 1-64 letters, digits, '_', '-' or '.'");
        }
        return name;
    }

    static String userName(String name, String field) {
        required(name, field);
        if (!Names.isValidUser(name)) {
            throw new RequestException(ErrorCode.INVALID_NAME,
                    "user names are 1-32 letters, digits, '_', '-' or '.'");
        }
        return name;
    }

    /**
     * The existing room a mixed-script look-alike name stands for (section 9: joining
     * {@code lobbу} with a Cyrillic {@code у} joins {@code lobby}), or null.
     */
    static Room lookAlikeRoom(ServerContext context, String name) {
        return name != null && Names.isMixedScriptRoom(name) ? context.rooms().find(name) : null;
    }

    static Room existingRoom(ServerContext context, String name) {
        Room room = Names.isValidRoom(required(name, "room")) ? context.rooms().find(name) : null;
        if (room == null) {
            throw new RequestException(ErrorCode.NO_SUCH_ROOM, "no room '" + name + "'");
        }
        return room;
    }

    /** A registered user, or {@code no_such_user}. */
    static CompletionStage<UserRecord> existingUser(ServerContext context, String name) {
        required(name, "user");
        return context.store().findUser(name).thenApply(found -> found.orElseThrow(() ->
                new RequestException(ErrorCode.NO_SUCH_USER, "no user '" + name + "'")));
    }

    static Room memberRoom(ServerContext context, Session session, String name) {
        Room room = existingRoom(context, name);
        if (!room.isMember(session.userKey())) {
            throw new RequestException(ErrorCode.NOT_MEMBER, "you are not a member of '" + room.name() + "'");
        }
        return room;
    }

    static void notNegative(Long value, String field) {
        if (value != null && value < 0) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "'" + field + "' must not be negative");
        }
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
