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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * The Netty transport server, client and bench use: native io_uring or epoll on Linux when the
 * native library loads and the kernel allows it, NIO everywhere else. One choice, so event loops
 * and channel types never disagree. A transport that is asked for but refused here (an old kernel,
 * io_uring disabled by {@code kernel.io_uring_disabled} or a seccomp filter, no native library)
 * falls back to the next one down: io_uring, then epoll, then NIO; {@link #fallbackReason} says why.
 *
 * @param name "io_uring", "epoll" or "nio", for logs
 * @param fallbackReason why the preferred transport was not taken, or null when it was
 */
public record Transport(String name, IoHandlerFactory ioHandlerFactory,
                        Class<? extends SocketChannel> socketChannel,
                        Class<? extends ServerChannel> serverSocketChannel,
                        Class<? extends DatagramChannel> datagramChannel,
                        String fallbackReason) {

    /** Which transport to try first; each falls back to the ones after it. */
    public enum Preference {
        /** The fastest this machine allows: io_uring, else epoll, else NIO. */
        AUTO,
        IO_URING,
        EPOLL,
        NIO
    }

    /** Epoll when {@code preferNative} and it is available here, else NIO. */
    public static Transport choose(boolean preferNative) {
        return choose(preferNative ? Preference.EPOLL : Preference.NIO);
    }

    /** The preferred transport when this machine allows it, else the next one that works. */
    public static Transport choose(Preference preference) {
        String refused = null;
        if (preference == Preference.AUTO || preference == Preference.IO_URING) {
            if (IoUring.isAvailable()) {
                return ioUring();
            }
            refused = "io_uring unavailable: " + cause(IoUring.unavailabilityCause());
        }
        if (preference != Preference.NIO) {
            if (Epoll.isAvailable()) {
                return epoll(refused);
            }
            refused = (refused == null ? "" : refused + "; ") + "epoll unavailable: "
                    + cause(Epoll.unavailabilityCause());
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioSocketChannel.class,
                NioServerSocketChannel.class, NioDatagramChannel.class, refused);
    }

    public boolean isNative() {
        return !"nio".equals(name);
    }

    private static Transport ioUring() {
        return new Transport("io_uring", IoUringIoHandler.newFactory(), IoUringSocketChannel.class,
                IoUringServerSocketChannel.class, IoUringDatagramChannel.class, null);
    }

    private static Transport epoll(String fallbackReason) {
        return new Transport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class,
                EpollServerSocketChannel.class, EpollDatagramChannel.class, fallbackReason);
    }

    private static String cause(Throwable cause) {
        return cause == null ? "unknown" : String.valueOf(cause.getMessage());
    }
}
