package chatroom.bench.scenario;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rooms}: clients spread over many rooms, senders spread over them too. */
@Command(name = "rooms", mixinStandardHelpOptions = true,
        description = "C clients spread over R rooms, S of them sending; reports deliveries per second and latency.")
public final class RoomsScenario implements Callable<Integer> {

    @Mixin
    LoadOptions load;

    @Mixin
    RoomLoad.Options options;

    @Mixin
    IrcTargetOptions target;

    @Option(names = "--rooms", defaultValue = "100", description = "Number of rooms (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Override
    public Integer call() throws Exception {
        return RoomLoad.run("rooms", load, options, target, rooms);
    }
}
