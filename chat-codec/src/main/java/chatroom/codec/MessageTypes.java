package chatroom.codec;

import chatroom.codec.message.AdminGrant;
import chatroom.codec.message.AdminRevoke;
import chatroom.codec.message.Ban;
import chatroom.codec.message.Bye;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.DeleteMessage;
import chatroom.codec.message.EditMessage;
import chatroom.codec.message.ErrorReply;
import chatroom.codec.message.FileChunk;
import chatroom.codec.message.FileData;
import chatroom.codec.message.FileGet;
import chatroom.codec.message.FilePut;
import chatroom.codec.message.FileShared;
import chatroom.codec.message.History;
import chatroom.codec.message.Invite;
import chatroom.codec.message.Join;
import chatroom.codec.message.Kick;
import chatroom.codec.message.Kicked;
import chatroom.codec.message.Leave;
import chatroom.codec.message.ListFiles;
import chatroom.codec.message.ListMembers;
import chatroom.codec.message.ListRooms;
import chatroom.codec.message.ListUsers;
import chatroom.codec.message.ListConversations;
import chatroom.codec.message.Login;
import chatroom.codec.message.Logout;
import chatroom.codec.message.MarkRead;
import chatroom.codec.message.Message;
import chatroom.codec.message.MessageDeleted;
import chatroom.codec.message.MessageEdited;
import chatroom.codec.message.Mute;
import chatroom.codec.message.Muted;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Pong;
import chatroom.codec.message.Presence;
import chatroom.codec.message.ReadMarked;
import chatroom.codec.message.Register;
import chatroom.codec.message.Renamed;
import chatroom.codec.message.RoomDelete;
import chatroom.codec.message.RoomDeleted;
import chatroom.codec.message.RoomRename;
import chatroom.codec.message.Search;
import chatroom.codec.message.Send;
import chatroom.codec.message.SetTopic;
import chatroom.codec.message.TopicChanged;
import chatroom.codec.message.Unban;
import chatroom.codec.message.Unmute;
import chatroom.codec.message.Unmuted;
import chatroom.codec.message.UserDelete;
import chatroom.codec.message.UserRename;
import chatroom.codec.message.UserReset;
import chatroom.codec.message.Welcome;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which record a {@code type} decodes to. The two directions differ ({@code topic} is a request
 * from a client and an event from the server), so each side decodes with its own table.
 */
public final class MessageTypes {

    /** What a server reads: the requests of clients (and {@code pong}, the answer to a server ping). */
    public static final MessageTypes CLIENT_TO_SERVER = new MessageTypes(List.of(
            Register.class, Login.class, Logout.class, Ping.class, Pong.class, Join.class, Leave.class,
            ListRooms.class, ListMembers.class, ListUsers.class, SetTopic.class, Send.class, History.class,
            Kick.class, Ban.class, Unban.class, FilePut.class, FileChunk.class, ListFiles.class, FileGet.class,
            Invite.class, Mute.class, Unmute.class, UserDelete.class, UserRename.class, UserReset.class, RoomDelete.class,
            RoomRename.class, AdminGrant.class, AdminRevoke.class, MarkRead.class, ListConversations.class,
            EditMessage.class, DeleteMessage.class, Search.class));

    /** What a client reads: replies and events (and {@code ping}, which a server may send). */
    public static final MessageTypes SERVER_TO_CLIENT = new MessageTypes(List.of(
            Welcome.class, Ok.class, ErrorReply.class, Ping.class, Pong.class, Bye.class, ChatMessage.class,
            Presence.class, TopicChanged.class, Kicked.class, FileShared.class, FileData.class,
            Muted.class, Unmuted.class, RoomDeleted.class, Renamed.class, ReadMarked.class, MessageEdited.class,
            MessageDeleted.class));

    private final Map<String, Class<? extends Message>> byType;

    private MessageTypes(List<Class<? extends Message>> classes) {
        this.byType = classes.stream().collect(Collectors.toUnmodifiableMap(MessageTypes::wireType,
                Function.identity()));
    }

    /** The record class for a wire {@code type}, or {@code null} when this side does not know it. */
    public Class<? extends Message> classOf(String type) {
        return byType.get(type);
    }

    private static String wireType(Class<? extends Message> type) {
        try {
            return (String) type.getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " has no public static TYPE", e);
        }
    }
}
