package chatroom.common;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport server, client and bench use: native epoll on Linux when its library loads,
 * NIO everywhere else. One choice, so event loops and channel types never disagree. (io_uring is
 * not offered: its transport is not among the pinned dependencies.)
 *
 * @param name "epoll" or "nio", for logs
 */
public record Transport(String name, IoHandlerFactory ioHandlerFactory,
                        Class<? extends SocketChannel> socketChannel,
                        Class<? extends ServerChannel> serverSocketChannel,
                        Class<? extends DatagramChannel> datagramChannel) {

    /** Epoll when {@code preferNative} and it is available here, else NIO. */
    public static Transport choose(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class,
                    EpollServerSocketChannel.class, EpollDatagramChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioSocketChannel.class,
                NioServerSocketChannel.class, NioDatagramChannel.class);
    }

    public boolean isNative() {
        return !"nio".equals(name);
    }
}
