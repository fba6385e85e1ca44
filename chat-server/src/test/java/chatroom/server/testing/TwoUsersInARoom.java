package chatroom.server.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The set-up most room tests start from: alice and bob, registered, logged in, and joined to a room of their own
 * (alice joined first, so she owns it). Names carry a number no other fixture in this JVM uses, so tests can share
 * one server without meeting each other's users or rooms.
 *
 * <p>Bob's join may leave a presence event in alice's queue; {@link WireClient#event} skips what it is not asked for.
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
        return new TwoUsersInARoom(alice, aliceName, bob, bobName, room);
    }
}
