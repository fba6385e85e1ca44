package chatroom.server.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The servers a {@link ChatServerExtension} hands clients out from, taken in turn: one server, or the two nodes of
 * a cluster, so that consecutive clients of a test land on different nodes and every reply and event a test checks
 * has crossed the cluster at least once.
 */
final class NodeRotation {

    private final List<ServerFixture> nodes;
    private final int[] marks;
    private int next;

    NodeRotation(List<ServerFixture> nodes) {
        this.nodes = List.copyOf(nodes);
        this.marks = new int[nodes.size()];
    }

    /** The node the next client goes to; the one after it is the other node. */
    ServerFixture next() {
        ServerFixture node = nodes.get(next);
        next = (next + 1) % nodes.size();
        return node;
    }

    ServerFixture first() {
        return nodes.get(0);
    }

    /** The second node, or the only server when there is one. */
    ServerFixture second() {
        return nodes.get(nodes.size() - 1);
    }

    List<ServerFixture> all() {
        return nodes;
    }

    /** Marks the clients open now, and starts the turn again at the first node, so a test's clients do not depend
     *  on how many clients earlier tests opened. */
    void markBeforeTest() {
        for (int i = 0; i < nodes.size(); i++) {
            marks[i] = nodes.get(i).clientCount();
        }
        next = 0;
    }

    /** Closes the clients opened since {@link #markBeforeTest}. */
    void closeClientsOfTest() {
        List<RuntimeException> failures = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            try {
                nodes.get(i).closeClientsSince(marks[i]);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
