package chatroom.server;

import chatroom.server.config.ServerConfig;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import sun.misc.Signal;

/**
 * {@code java -jar chat-server.jar [options]}: parses the command line, starts the server, prints
 * {@code listening on tcp://HOST:PORT} once it accepts, and shuts down cleanly on SIGTERM or Ctrl-C.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        CommandLine commandLine = ServerCommand.newCommandLine();
        int status = commandLine.execute(args);
        ServerConfig config = commandLine.getExecutionResult();
        if (status != 0 || config == null) {
            System.exit(status); // --help, --version or a usage error
            return;
        }
        ChatServer server;
        try {
            server = ChatServer.start(config);
        } catch (RuntimeException e) {
            log.error("cannot start: {}", e.getMessage(), e);
            System.err.println("chat-server: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        // SIGTERM and Ctrl-C end the wait below; a clean shutdown then exits with status 0
        // (a plain shutdown hook would leave the JVM's 143).
        CountDownLatch stop = new CountDownLatch(1);
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), received -> stop.countDown());
        }
        System.out.println("listening on tcp://" + config.host() + ":" + server.port() + (server.tls() ? " (TLS)" : ""));
        if (server.httpPort() > 0) {
            System.out.println("listening on http://" + config.host() + ":" + server.httpPort()
                    + " (web page; WebSocket at /ws; /health; /metrics)");
        }
        if (server.ircPort() > 0) {
            System.out.println("listening on irc://" + config.host() + ":" + server.ircPort()
                    + (server.tls() ? " (TLS)" : ""));
        }
        System.out.flush();
        stop.await();
        server.close();
        System.exit(0);
    }
}
