package chatroom.bench.irc;

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

/** The event loops and bootstrap of a scenario's IRC connections (the IRC twin of {@code Fleet}). */
public final class IrcFleet implements AutoCloseable {

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final String transport;

    public IrcFleet(int threads, Transport.Preference preference) {
        Transport chosen = Transport.choose(preference);
        this.transport = chosen.name();
        this.group = new MultiThreadIoEventLoopGroup(threads, chosen.ioHandlerFactory());
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(chosen.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        IrcBenchConnection connection = new IrcBenchConnection(ch);
                        ch.attr(IrcBenchConnection.KEY).set(connection);
                        ch.pipeline().addLast(new IrcLineHandler(connection));
                    }
                });
    }

    /** The transport in use: "io_uring", "epoll" or "nio". */
    public String transport() {
        return transport;
    }

    /**
     * Connects and registers as {@code nick} (with {@code PASS pass} first when not null).
     *
     * @param local the source address to bind (spreads connections over 127.0.0.x), or null
     */
    public CompletableFuture<IrcBenchConnection> connect(InetSocketAddress server, InetSocketAddress local,
                                                         String nick, String pass) {
        return connect(server, local, nick, pass, () -> { });
    }

    /** Like the above; {@code handshakeDone} runs when the TCP handshake ends, well or not, before registering. */
    public CompletableFuture<IrcBenchConnection> connect(InetSocketAddress server, InetSocketAddress local,
                                                         String nick, String pass, Runnable handshakeDone) {
        CompletableFuture<IrcBenchConnection> result = new CompletableFuture<>();
        ChannelFuture connect = local == null ? bootstrap.connect(server) : bootstrap.connect(server, local);
        connect.addListener((ChannelFuture f) -> {
            handshakeDone.run();
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            f.channel().attr(IrcBenchConnection.KEY).get().register(nick, pass).whenComplete((c, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(c);
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
