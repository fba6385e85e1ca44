package chatroom.server.config;

import picocli.CommandLine.Option;

/** The command-line options of {@link LimitSettings} (a picocli mixin of the server command). */
public final class LimitOptions {

    @Option(names = "--max-frame", defaultValue = "${env:CHAT_MAX_FRAME:-" + LimitSettings.DEFAULT_MAX_FRAME + "}",
            description = "Largest frame body in bytes [CHAT_MAX_FRAME]. Default: ${DEFAULT-VALUE}")
    int maxFrame;

    @Option(names = "--rate", defaultValue = "${env:CHAT_RATE:-" + LimitSettings.DEFAULT_RATE + "}",
            description = "Sends a second per session [CHAT_RATE]. Default: ${DEFAULT-VALUE}")
    int rate;

    @Option(names = "--burst", defaultValue = "${env:CHAT_BURST:-" + LimitSettings.DEFAULT_BURST + "}",
            description = "Sends a session may make at once [CHAT_BURST]. Default: ${DEFAULT-VALUE}")
    int burst;

    @Option(names = "--room-op-rate", defaultValue = "${env:CHAT_ROOM_OP_RATE:-" + LimitSettings.DEFAULT_ROOM_OP_RATE + "}",
            description = "Room operations (join, leave, topic, invite together) a second per session "
                    + "[CHAT_ROOM_OP_RATE]. Default: ${DEFAULT-VALUE}")
    int roomOpRate;

    @Option(names = "--room-op-burst", defaultValue = "${env:CHAT_ROOM_OP_BURST:-" + LimitSettings.DEFAULT_ROOM_OP_BURST + "}",
            description = "Room operations a session may make at once [CHAT_ROOM_OP_BURST]. Default: ${DEFAULT-VALUE}")
    int roomOpBurst;

    @Option(names = "--max-outbound-bytes",
            defaultValue = "${env:CHAT_MAX_OUTBOUND_BYTES:-" + LimitSettings.DEFAULT_MAX_OUTBOUND_BYTES + "}",
            description = "Bytes queued for a client that does not read before it is disconnected "
                    + "[CHAT_MAX_OUTBOUND_BYTES]. Default: ${DEFAULT-VALUE}")
    int maxOutboundBytes;

    @Option(names = "--max-pending-requests",
            defaultValue = "${env:CHAT_MAX_PENDING_REQUESTS:-" + LimitSettings.DEFAULT_MAX_PENDING_REQUESTS + "}",
            description = "Requests of one connection that may wait before reading pauses "
                    + "[CHAT_MAX_PENDING_REQUESTS]. Default: ${DEFAULT-VALUE}")
    int maxPendingRequests;

    @Option(names = "--presence-max-members",
            defaultValue = "${env:CHAT_PRESENCE_MAX_MEMBERS:-" + LimitSettings.DEFAULT_PRESENCE_MAX_MEMBERS + "}",
            description = "A room of more members sends no presence online/offline (each goes to every member: a "
                    + "restart of N users in one room costs N² events); 0: every room does, as the protocol says "
                    + "[CHAT_PRESENCE_MAX_MEMBERS]. Default: ${DEFAULT-VALUE}")
    int presenceMaxMembers;

    public LimitSettings toSettings() {
        return new LimitSettings(maxFrame, rate, burst, roomOpRate, roomOpBurst, maxOutboundBytes, maxPendingRequests,
                presenceMaxMembers);
    }
}
