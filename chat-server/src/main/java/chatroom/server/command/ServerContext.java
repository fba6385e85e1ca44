package chatroom.server.command;

import chatroom.server.auth.LoginThrottle;
import chatroom.server.auth.PasswordHasher;
import chatroom.server.auth.RegistrationLimiter;
import chatroom.server.bot.RoomBot;
import chatroom.server.cluster.NodeEvents;
import chatroom.server.config.ServerConfig;
import chatroom.server.files.FileStore;
import chatroom.server.metrics.ServerMetrics;
import chatroom.server.room.Broadcaster;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.ChatStore;
import java.time.Clock;

/** The services every request handler uses, created once per server; {@code bot} is null without one. */
public record ServerContext(ServerConfig config, ChatStore store, PasswordHasher hasher, LoginThrottle loginThrottle,
                            RegistrationLimiter registrations,
                            RoomRegistry rooms, SessionRegistry sessions, Broadcaster broadcaster, Clock clock,
                            RoomBot bot, FileStore files, ServerMetrics metrics, NodeEvents events) {

    public long now() {
        return clock.millis();
    }
}
