package chatroom.server.room;

import java.time.Duration;
import java.util.Objects;

/**
 * How an event loop sends commits' fan-out ({@link FanOutDrains}): at most one pass per
 * {@code linger}, a rest after each pass in proportion to the time it kept the loop busy, and
 * {@code sessionsPerSlice} sessions at a time before the loop reads its sockets again.
 *
 * @param linger the shortest time between two passes; zero: each commit's as soon as the loop can
 * @param restPercent the rest after a pass before the next, in percent of the pass's busy time; 0: none
 * @param sessionsPerSlice sessions written between two looks at the sockets; 0: a whole pass in one go
 */
public record FanOutPacing(Duration linger, int restPercent, int sessionsPerSlice) {

    /** Each commit's fan-out at once and in one piece: no linger, no rest, no slices. */
    public static final FanOutPacing IMMEDIATE = new FanOutPacing(Duration.ZERO, 0, 0);

    public FanOutPacing {
        Objects.requireNonNull(linger, "linger");
        if (linger.isNegative() || restPercent < 0 || sessionsPerSlice < 0) {
            throw new IllegalArgumentException("negative fan-out pacing: " + linger + ", " + restPercent + ", "
                    + sessionsPerSlice);
        }
    }

    /** The sessions a slice may hold: all of them when slicing is off. */
    int sliceLimit() {
        return sessionsPerSlice == 0 ? Integer.MAX_VALUE : sessionsPerSlice;
    }
}
