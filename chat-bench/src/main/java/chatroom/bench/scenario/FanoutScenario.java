package chatroom.bench.scenario;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fanout}: every client in one room; the senders' messages go to all of them. */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "C clients in one room, S of them sending; reports deliveries per second and latency.")
public final class FanoutScenario implements Callable<Integer> {

    @Mixin
    LoadOptions load;

    @Mixin
    RoomLoad.Options options;

    @Mixin
    IrcTargetOptions target;

    @Override
    public Integer call() throws Exception {
        return RoomLoad.run("fanout", load, options, target, 1);
    }
}
