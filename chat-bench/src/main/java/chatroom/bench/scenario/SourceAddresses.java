package chatroom.bench.scenario;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Source addresses in 127.0.0.0/8 for many loopback connections: each address has its own range of
 * ephemeral ports, and the server's per-address connection cap is not hit.
 */
public final class SourceAddresses {

    private final int second;
    private final int count;

    /**
     * @param second the second octet (different load processes use different ones)
     * @param count how many addresses to cycle through (1 = let the kernel choose)
     */
    public SourceAddresses(int second, int count) {
        this.second = second;
        this.count = Math.max(1, count);
    }

    /** The local address for connection {@code index}, or null to let the kernel choose. */
    public InetSocketAddress forIndex(int index) {
        if (count == 1) {
            return null;
        }
        int host = index % count;
        byte[] ip = {127, (byte) second, (byte) (host / 250), (byte) (1 + host % 250)};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
