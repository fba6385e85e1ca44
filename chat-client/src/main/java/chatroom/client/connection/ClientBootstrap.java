package chatroom.client.connection;

import chatroom.client.ClientOptions;
import chatroom.common.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import java.util.concurrent.TimeUnit;

/**
 * The transport under one client (Lettuce's {@code ConnectionBuilder}): its one event-loop
 * thread, a host-name resolver that does not block that thread, and the {@link Bootstrap} that
 * opens each socket to the configured server.
 */
final class ClientBootstrap {

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final DnsAddressResolverGroup resolver;
    private final Bootstrap bootstrap;

    ClientBootstrap(ClientOptions options, ChannelHandler initializer) {
        Transport transport = Transport.choose(true);
        this.group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        this.loop = group.next();
        // the default resolver calls InetAddress.getByName on the event loop at every reconnect;
        // this one asks the DNS servers of /etc/resolv.conf (and reads /etc/hosts) without blocking
        this.resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(transport.datagramChannel())
                .socketChannelType(transport.socketChannel()));
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .resolver(resolver)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .remoteAddress(options.host(), options.port())
                .handler(initializer);
    }

    /** The client's one thread: every socket, all connection state and every listener call live here. */
    EventLoop loop() {
        return loop;
    }

    /** Opens a new socket to the server. */
    ChannelFuture connect() {
        return bootstrap.connect();
    }

    /**
     * Stops the resolver and the thread. {@code await}: returns once the thread has stopped, which
     * the thread itself must not ask for (it cannot wait for its own end).
     */
    void shutdown(boolean await) {
        resolver.close();
        var terminated = group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (await) {
            terminated.syncUninterruptibly();
        }
    }
}
