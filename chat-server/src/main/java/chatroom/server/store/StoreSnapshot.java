package chatroom.server.store;

import java.util.List;
import java.util.Map;

/**
 * What {@link ChatStore#load} returns: every room, and for each room key ({@link Names#key} of its
 * name) the display names of its members and the mutes in force (user key to the end in epoch
 * milliseconds, 0 for "until unmuted").
 */
public record StoreSnapshot(List<RoomRecord> rooms, Map<String, List<String>> membersByRoomKey,
                            Map<String, Map<String, Long>> mutesByRoomKey) {
}
