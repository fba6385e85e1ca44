package chatroom.bench.client;

import chatroom.common.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The event loops and bootstrap shared by all of a scenario's connections (native epoll when available). */
public final class Fleet implements AutoCloseable {

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final boolean epoll;
    private final String transportName;

    public Fleet(int threads, boolean preferEpoll) {
        this(threads, preferEpoll ? Transport.Preference.EPOLL : Transport.Preference.NIO);
    }

    /** @param preference the transport to try first; one the kernel refuses falls back to the next */
    public Fleet(int threads, Transport.Preference preference) {
        Transport transport = Transport.choose(preference);
        this.epoll = transport.isNative();
        this.transportName = transport.name();
        this.group = new MultiThreadIoEventLoopGroup(threads, transport.ioHandlerFactory());
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        BenchConnection connection = new BenchConnection(ch);
                        ch.attr(BenchConnection.KEY).set(connection);
                        ch.pipeline().addLast(new BenchFrameHandler(connection));
                    }
                });
    }

    /** Whether a native transport (io_uring or epoll) runs. */
    public boolean epoll() {
        return epoll;
    }

    /** The transport in use: "io_uring", "epoll" or "nio". */
    public String transport() {
        return transportName;
    }

    public EventLoopGroup group() {
        return group;
    }

    /**
     * Connects and completes once the server's {@code welcome} arrived.
     *
     * @param local the source address to bind (spreads connections over 127.0.0.x), or null
     */
    public CompletableFuture<BenchConnection> connect(InetSocketAddress server, InetSocketAddress local) {
        CompletableFuture<BenchConnection> result = new CompletableFuture<>();
        ChannelFuture connect = local == null ? bootstrap.connect(server) : bootstrap.connect(server, local);
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            BenchConnection connection = f.channel().attr(BenchConnection.KEY).get();
            connection.welcome().whenComplete((welcome, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(connection);
                }
            });
        });
        return result;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
