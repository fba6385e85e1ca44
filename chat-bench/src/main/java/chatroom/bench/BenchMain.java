package chatroom.bench;

import chatroom.bench.scenario.ConnectionsScenario;
import chatroom.bench.scenario.ConnectionsWorker;
import chatroom.bench.scenario.DmScenario;
import chatroom.bench.scenario.DurableScenario;
import chatroom.bench.scenario.FanoutScenario;
import chatroom.bench.scenario.HistoryQueriesScenario;
import chatroom.bench.scenario.LoginsScenario;
import chatroom.bench.scenario.RoomsScenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar chat-bench.jar SCENARIO [options]}: load scenarios against a running server.
 * The JMH codec benchmarks run with {@code java -cp chat-bench.jar org.openjdk.jmh.Main}.
 */
@Command(name = "chat-bench", mixinStandardHelpOptions = true, version = "chat-bench 0.1.0",
        description = "Load generator for the chat server: throughput and latency percentiles over the wire contract.",
        subcommands = {FanoutScenario.class, RoomsScenario.class, DmScenario.class, DurableScenario.class,
                ConnectionsScenario.class, ConnectionsWorker.class, HistoryQueriesScenario.class,
                LoginsScenario.class, CompareCommand.class})
public final class BenchMain implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
