package chatroom.codec.message;

/**
 * A message that expects exactly one reply. {@code id} is a {@link String} or an integral
 * {@link Number}, or {@code null}; the reply echoes it.
 */
public sealed interface Request extends Message
        permits AdminGrant, AdminRevoke, Ban, DeleteMessage, EditMessage, FileChunk, FileGet, FilePut,
        History, Invite, Join, Kick, Leave, ListConversations, ListFiles, ListMembers, ListRooms, ListUsers,
        Login, Logout, MarkRead, Mute, Ping, Register, RoomDelete, RoomRename, Search, Send, SetTopic, Unban,
        Unmute, UserDelete, UserRename, UserReset {

    Object id();
}
