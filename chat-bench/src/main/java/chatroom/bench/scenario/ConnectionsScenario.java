package chatroom.bench.scenario;

import chatroom.bench.client.Accounts;
import chatroom.bench.client.BenchConnection;
import chatroom.bench.client.Fleet;
import chatroom.bench.client.TokenCache;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code connections}: opens N authenticated idle connections from several worker processes (each
 * process may hold only about 20,000 sockets), then reads the server's memory through JMX and
 * reports the cost of one idle connection and the connect rate. Connections log in with tokens of
 * a few users, so the run measures connections, not Argon2.
 */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = "N authenticated idle connections from several processes; server memory per connection and connect rate.")
public final class ConnectionsScenario implements Callable<Integer> {

    @Mixin
    LoadOptions load;

    @Option(names = "--connections", defaultValue = "19000", description = "Connections in all (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--processes", defaultValue = "4", description = "Worker processes (default: ${DEFAULT-VALUE}).")
    int processes;

    @Option(names = "--users", defaultValue = "100",
            description = "Distinct users the connections log in as (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--server-pid",
            description = "Process id of the server JVM (default: the local JVM whose command names chat-server).")
    String serverPid;

    @Option(names = "--worker-heap", defaultValue = "256m", description = "-Xmx of each worker (default: ${DEFAULT-VALUE}).")
    String workerHeap;

    @Override
    public Integer call() throws Exception {
        ScenarioRun run = new ScenarioRun(load, "connections");
        Accounts accounts = new Accounts(load.password, TokenCache.load(load.tokenCacheFile()));
        Path tokenFile = Files.createTempFile("chat-bench-tokens", ".txt");
        try (ServerProbe probe = ServerProbe.attach(serverPid)) {
            try (Fleet fleet = new Fleet(1, load.transport())) {
                List<BenchConnection> setup = Setup.connectAndLogIn(fleet, load.server(), new SourceAddresses(0, 1),
                        accounts, users, load::userName, 16);
                List<String> tokens = new ArrayList<>();
                setup.forEach(c -> tokens.add(accounts.tokens().get(c.user())));
                Files.write(tokenFile, tokens, StandardCharsets.UTF_8);
                setup.forEach(c -> c.channel().close().syncUninterruptibly());
            }
            ServerProbe.Reading before = probe.read();
            System.out.printf("connections: server before: heap %,d B, direct %,d B, %d threads, RSS %,d B%n",
                    before.heapBytes(), before.directBytes(), before.threads(), before.residentBytes());

            List<Process> workers = new ArrayList<>();
            List<Thread> readers = new ArrayList<>();
            List<double[]> outcomes = new ArrayList<>();
            long start = System.nanoTime();
            for (int w = 0; w < processes; w++) {
                int share = connections / processes + (w < connections % processes ? 1 : 0);
                Process worker = startWorker(w, share, tokenFile);
                workers.add(worker);
                readers.add(readReady(worker, outcomes));
            }
            for (Thread reader : readers) {
                reader.join();
            }
            double wallSeconds = (System.nanoTime() - start) / 1e9;
            long opened = outcomes.stream().mapToLong(o -> (long) o[0]).sum();
            long failed = outcomes.stream().mapToLong(o -> (long) o[1]).sum();
            double connectSeconds = outcomes.stream().mapToDouble(o -> o[2]).max().orElse(wallSeconds);
            ServerProbe.Reading after = probe.read();
            for (Process worker : workers) {
                worker.getOutputStream().close();
            }
            for (Process worker : workers) {
                worker.waitFor();
            }

            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("connections", connections);
            parameters.put("processes", processes);
            parameters.put("users", users);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("opened", opened);
            figures.put("failed", failed);
            figures.put("connect_seconds", connectSeconds);
            figures.put("connects_per_s", opened / connectSeconds);
            figures.put("heap_before_bytes", before.heapBytes());
            figures.put("heap_after_bytes", after.heapBytes());
            figures.put("direct_before_bytes", before.directBytes());
            figures.put("direct_after_bytes", after.directBytes());
            figures.put("heap_committed_before_bytes", before.heapCommittedBytes());
            figures.put("heap_committed_after_bytes", after.heapCommittedBytes());
            figures.put("rss_before_bytes", before.residentBytes());
            figures.put("rss_after_bytes", after.residentBytes());
            figures.put("rss_bytes_per_connection",
                    opened == 0 ? 0 : (after.residentBytes() - before.residentBytes()) / (double) opened);
            figures.put("server_threads_before", before.threads());
            figures.put("server_threads_after", after.threads());
            double perConnection = opened == 0 ? 0 : (after.totalBytes() - before.totalBytes()) / (double) opened;
            figures.put("heap_bytes_per_connection",
                    opened == 0 ? 0 : (after.heapBytes() - before.heapBytes()) / (double) opened);
            figures.put("direct_bytes_per_connection",
                    opened == 0 ? 0 : (after.directBytes() - before.directBytes()) / (double) opened);
            figures.put("bytes_per_connection", perConnection);
            Map<String, Long> errors = new TreeMap<>();
            if (failed > 0) {
                errors.put("connections failed", failed);
            }
            return run.finish(parameters, figures, null, null, errors);
        } finally {
            Files.deleteIfExists(tokenFile);
        }
    }

    private Process startWorker(int index, int count, Path tokenFile) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + workerHeap, "-cp",
                System.getProperty("java.class.path"), "chatroom.bench.BenchMain", "connections-worker",
                "--host", load.host, "--port", Integer.toString(load.ports[0]), "--count", Integer.toString(count),
                "--worker", Integer.toString(index), "--tokens", tokenFile.toString()));
        if (load.noEpoll) {
            command.add("--no-epoll");
        }
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads a worker's stdout until its {@code ready OPENED FAILED SECONDS} line. */
    private static Thread readReady(Process worker, List<double[]> outcomes) {
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(ConnectionsWorker.READY + " ")) {
                        String[] parts = line.split(" ");
                        synchronized (outcomes) {
                            outcomes.add(new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2]),
                                    Double.parseDouble(parts[3])});
                        }
                        return;
                    }
                    System.out.println("worker: " + line);
                }
                synchronized (outcomes) {
                    outcomes.add(new double[] {0, 0, 0});
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "worker-reader");
        reader.start();
        return reader;
    }
}
