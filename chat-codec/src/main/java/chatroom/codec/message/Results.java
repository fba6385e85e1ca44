package chatroom.codec.message;

import java.util.List;

/**
 * The result fields of {@code ok} replies, one record per request kind that returns any. They are
 * written flattened beside {@code type} and {@code id}.
 */
public final class Results {

    private Results() {
    }

    /** {@code register}: {@code {user}}. */
    public record UserResult(String user) {
    }

    /** {@code login}: {@code {user, token, rooms:[{room, seq}]}}. */
    public record LoginResult(String user, String token, List<RoomSeq> rooms) {
    }

    /** A room the user is a member of, with its latest seq. */
    public record RoomSeq(String room, long seq) {
    }

    /** {@code join}: {@code {room, topic, members, seq}}. */
    public record JoinResult(String room, String topic, int members, long seq) {
    }

    /** {@code rooms}: {@code {rooms:[{room, members, topic}]}}. */
    public record RoomsResult(List<RoomSummary> rooms) {
    }

    /** One entry of {@link RoomsResult}. */
    public record RoomSummary(String room, int members, String topic) {
    }

    /** {@code members}: {@code {room, members:[{user, online}], more}}. */
    public record MembersResult(String room, List<MemberStatus> members, boolean more) {
    }

    /** One entry of {@link MembersResult}. */
    public record MemberStatus(String user, boolean online) {
    }

    /** {@code users}: {@code {users:[...]}}. */
    public record UsersResult(List<String> users) {
    }

    /** {@code send}: {@code {room, seq, ts}} or {@code {to, seq, ts}}. */
    public record SendResult(String room, String to, long seq, long ts) {
    }

    /** {@code history}: {@code {room | with, messages:[...]}}. */
    public record HistoryResult(String room, @com.fasterxml.jackson.annotation.JsonProperty("with") String with,
                                List<ChatMessage> messages) {
    }

    public record FilePutResult(@com.fasterxml.jackson.annotation.JsonProperty("file_id") String fileId,
                                @com.fasterxml.jackson.annotation.JsonProperty("chunk_size") int chunkSize) {
    }

    public record FileChunkResult(long received) {
    }

    public record FilesResult(List<FileInfo> files) {
    }

    public record FileInfo(@com.fasterxml.jackson.annotation.JsonProperty("file_id") String fileId, String name,
                           long size, String from, long ts) {
    }

    public record FileGetResult(@com.fasterxml.jackson.annotation.JsonProperty("file_id") String fileId, String name,
                                long size, String sha256) {
    }

    /** {@code read}, {@code edit} and {@code delete}: {@code {room | with, seq}} (for {@code read}, the marker now). */
    public record MessageRef(String room, @com.fasterxml.jackson.annotation.JsonProperty("with") String with,
                             long seq) {
    }

    /** {@code conversations}: {@code {conversations:[...], more}}, most recent activity first. */
    public record ConversationsResult(List<ConversationEntry> conversations, boolean more) {
    }

    /**
     * One entry of {@link ConversationsResult}: the latest {@code seq}, the {@code read} marker, how
     * many messages after it others sent ({@code unread}) and how many of those mention the user;
     * {@code last} is the latest message, written as {@code null} when there is none.
     */
    public record ConversationEntry(String room, @com.fasterxml.jackson.annotation.JsonProperty("with") String with,
                                    long seq, long read, long unread, long mentions,
                                    @com.fasterxml.jackson.annotation.JsonInclude(
                                            com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
                                    ChatMessage last) {
    }

    /** {@code search}: {@code {hits:[message...], more}}, newest first. */
    public record SearchResult(List<ChatMessage> hits, boolean more) {
    }
}
