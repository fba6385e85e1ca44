package chatroom.server.testing;

import chatroom.testing.Wait;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The set-up most room tests start from: alice and bob, registered, logged in, and joined to a room of their own
 * (alice joined first, so she owns it). Names carry a number no other fixture in this JVM uses, so tests can share
 * one server without meeting each other's users or rooms.
 *
 * <p>Bob's join may leave a presence event in alice's queue; {@link WireClient#event} skips what it is not asked for.
 * On two nodes (alice on node a, bob on node b) it returns once both nodes know both members.
 */
public record TwoUsersInARoom(WireClient alice, String aliceName, WireClient bob, String bobName, String room) {

    private static final AtomicInteger NEXT = new AtomicInteger(1);

    /** Signs alice and bob up on {@code server} and joins them to a new room. */
    public static TwoUsersInARoom on(ServerFixture server) {
        return on(server, server);
    }

    /** Signs alice up on {@code aliceServer} and bob on {@code bobServer} (two cluster nodes, or one server twice),
     *  and joins them to a new room. */
    public static TwoUsersInARoom on(ServerFixture aliceServer, ServerFixture bobServer) {
        int n = NEXT.getAndIncrement();
        String aliceName = "alice_" + n;
        String bobName = "bob_" + n;
        String room = "room-" + n;
        WireClient alice = aliceServer.user(aliceName);
        WireClient bob = bobServer.user(bobName);
        alice.ok("join", "room", room);
        bob.ok("join", "room", room);
        if (aliceServer != bobServer) {
            // each node learns of the other's join through Redis: wait until both know both members, so a test
            // may act on either membership from either node at once (alice's node told her of bob's join)
            alice.event(e -> "presence".equals(e.path("type").asText()) && room.equals(e.path("room").asText())
                    && bobName.equals(e.path("user").asText()) && "join".equals(e.path("event").asText()));
            Wait.until(bobName + "'s node lists " + aliceName + " as a member of " + room,
                    () -> bob.ok("members", "room", room).toString().contains("\"" + aliceName + "\""));
        }
        return new TwoUsersInARoom(alice, aliceName, bob, bobName, room);
    }
}
