package chatroom.server.config;

/**
 * What one session may send and have queued, and how big a room may be that still announces who
 * comes online.
 *
 * @param maxFrame largest frame body in bytes
 * @param rate sends a second (token bucket refill)
 * @param burst sends at once (token bucket size)
 * @param roomOpRate join, leave, topic and invite together a second (contract §9)
 * @param roomOpBurst room operations at once
 * @param maxOutboundBytes bytes queued for a slow reader before it is disconnected
 * @param maxPendingRequests requests waiting behind a slow one before reading pauses; also the most sends in flight
 * @param presenceMaxMembers a room of more members announces no {@code presence online} or {@code offline}: each
 *     is sent to every session of every member, so a restart of N users in one room costs N² events (0: every
 *     room announces, as contract §4 says)
 */
public record LimitSettings(int maxFrame, int rate, int burst, int roomOpRate, int roomOpBurst, int maxOutboundBytes,
                            int maxPendingRequests, int presenceMaxMembers) {

    public static final int DEFAULT_MAX_FRAME = 65536;
    public static final int DEFAULT_RATE = 20;
    public static final int DEFAULT_BURST = 40;
    public static final int DEFAULT_ROOM_OP_RATE = 5;
    public static final int DEFAULT_ROOM_OP_BURST = 10;
    public static final int DEFAULT_MAX_OUTBOUND_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_PENDING_REQUESTS = 64;
    /** Every room announces presence: the contract's behaviour unless an operator chooses otherwise. */
    public static final int DEFAULT_PRESENCE_MAX_MEMBERS = 0;
    public static final LimitSettings DEFAULTS = new LimitSettings(DEFAULT_MAX_FRAME, DEFAULT_RATE, DEFAULT_BURST,
            DEFAULT_ROOM_OP_RATE, DEFAULT_ROOM_OP_BURST, DEFAULT_MAX_OUTBOUND_BYTES, DEFAULT_MAX_PENDING_REQUESTS,
            DEFAULT_PRESENCE_MAX_MEMBERS);

    public LimitSettings {
        Range.check("maxFrame", maxFrame, 1024, 16 * 1024 * 1024);
        Range.check("rate", rate, 1, 1_000_000);
        Range.check("burst", burst, 1, 1_000_000);
        Range.check("roomOpRate", roomOpRate, 1, 1_000_000);
        Range.check("roomOpBurst", roomOpBurst, 1, 1_000_000);
        Range.check("maxOutboundBytes", maxOutboundBytes, 64 * 1024, Integer.MAX_VALUE);
        Range.check("maxPendingRequests", maxPendingRequests, 1, 100_000);
        Range.check("presenceMaxMembers", presenceMaxMembers, 0, 10_000_000);
    }
}
