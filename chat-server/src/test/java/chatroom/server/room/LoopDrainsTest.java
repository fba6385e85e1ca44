package chatroom.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event loop's fan-out drains: passes at most once per linger and after a rest in proportion to
 * the last pass's busy time, each over the sessions waiting when it started, a slice at a time with
 * the loop back at its sockets in between.
 */
class LoopDrainsTest {

    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Lends its frozen-clock event loop to the tests that move time by hand. */
    private final EmbeddedChannel channel = new EmbeddedChannel();

    @BeforeEach
    void freezeTheLoopsClock() {
        channel.freezeTime();
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aPassGoesASliceAtATime_andWhatArrivesMeanwhileWaitsForTheNextPass() {
        List<Integer> drained = new ArrayList<>();
        LoopDrains<Integer> drains = new LoopDrains<>(channel.eventLoop(), LINGER_NANOS, 0, 4, drained::add);

        drains.due(range(0, 10));
        assertThat(drained).as("the first slice at once").containsExactlyElementsOf(range(0, 4));

        drains.due(range(10, 12));
        channel.runPendingTasks(); // the embedded loop runs the slices scheduled one after the other in one go
        assertThat(drained).as("the pass ends with the sessions it started with").containsExactlyElementsOf(range(0, 10));

        channel.advanceTimeBy(LINGER_NANOS - 1, TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        assertThat(drained).as("the next pass waits for the linger").hasSize(10);
        channel.advanceTimeBy(1, TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        assertThat(drained).containsExactlyElementsOf(range(0, 12));
    }

    @Test
    void aPassThatTakesNoLongerThanTheLinger_isFollowedAtOnce_whenTheLingerIsZero() {
        List<Integer> drained = new ArrayList<>();
        LoopDrains<Integer> drains = new LoopDrains<>(channel.eventLoop(), 0, 0, 4, drained::add);

        drains.due(range(0, 2));
        drains.due(range(2, 4));

        assertThat(drained).containsExactlyElementsOf(range(0, 4));
    }

    @Test
    void afterAPass_theNextWaitsARestInProportionToTheTimeThePassKeptTheLoopBusy() {
        List<Integer> drained = new ArrayList<>();
        LoopDrains<Integer> drains = new LoopDrains<>(channel.eventLoop(), 0, 50, 4, i -> {
            drained.add(i);
            channel.advanceTimeBy(2, TimeUnit.MILLISECONDS); // each drain takes 2 ms of the loop
        });

        drains.due(range(0, 4)); // a pass of 8 ms: a rest of 4 ms after it

        assertTheNextPassRests(drains, drained, TimeUnit.MILLISECONDS.toNanos(4));
    }

    @Test
    void theRest_countsTheSlicesOnly_notTheLoopsReadsBetweenThem() {
        List<Integer> drained = new ArrayList<>();
        LoopDrains<Integer> drains = new LoopDrains<>(channel.eventLoop(), 0, 50, 2, i -> {
            drained.add(i);
            channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        });

        drains.due(range(0, 4)); // the first slice, 2 ms
        channel.advanceTimeBy(10, TimeUnit.MILLISECONDS); // the loop at its sockets
        channel.runPendingTasks(); // the second slice, 2 ms: 4 ms busy in a pass of 14, a rest of 2 ms

        assertTheNextPassRests(drains, drained, TimeUnit.MILLISECONDS.toNanos(2));
    }

    /** After a pass over 0..3, session 4 is drained {@code restNanos} after it ended, not a nanosecond sooner. */
    private void assertTheNextPassRests(LoopDrains<Integer> drains, List<Integer> drained, long restNanos) {
        drains.due(range(4, 5));
        channel.advanceTimeBy(restNanos - 1, TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        assertThat(drained).as("still resting").containsExactlyElementsOf(range(0, 4));

        channel.advanceTimeBy(1, TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        assertThat(drained).containsExactlyElementsOf(range(0, 5));
    }

    @Test
    void aSessionWhoseDrainThrows_isPassedOver_andLaterPassesStillRun() {
        List<Integer> drained = new ArrayList<>();
        LoopDrains<Integer> drains = new LoopDrains<>(channel.eventLoop(), 0, 0, 4, i -> {
            if (i == 1) {
                throw new IllegalStateException("a broken session");
            }
            drained.add(i);
        });

        assertThatThrownBy(() -> drains.due(range(0, 6))).hasMessage("a broken session");
        channel.runPendingTasks();
        assertThat(drained).as("the rest of the pass").containsExactly(0, 2, 3, 4, 5);

        drains.due(List.of(7));
        assertThat(drained).as("the next pass").endsWith(7);
    }

    @Test
    void theLoopReadsItsSocketsBetweenTwoSlices() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch accepted = new CountDownLatch(1);
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            accepted.countDown();
                        }

                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ReferenceCountUtil.release(msg);
                            order.add("read");
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            try (Socket peer = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
                assertThat(accepted.await(10, TimeUnit.SECONDS)).isTrue();
                EventLoop loop = group.next();
                LoopDrains<Integer> drains = new LoopDrains<>(loop, 0, 0, 4, i -> {
                    if (i == 0) {
                        send(peer); // on loopback the byte is waiting at the server's socket when this returns
                    }
                    order.add("drain " + i);
                });

                loop.execute(() -> drains.due(range(0, 20)));

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!(order.contains("drain 19") && order.contains("read")) && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(order).contains("drain 19", "read");
                assertThat(order.indexOf("read")).as("read between the slices, not after the pass: %s", order)
                        .isGreaterThan(order.indexOf("drain 3")).isLessThan(order.indexOf("drain 19"));
            } finally {
                server.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static void send(Socket peer) {
        try {
            peer.getOutputStream().write('x');
            peer.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }
}
