package chatroom.codec.message;

/** A message the server pushes on its own; events carry no {@code id}. */
public sealed interface Event extends Message
        permits Bye, ChatMessage, FileData, FileShared, Kicked, MessageDeleted, MessageEdited, Muted,
        Presence, ReadMarked, Renamed, RoomDeleted, TopicChanged, Unmuted, Welcome {
}
