package chatroom.client.cli;

import chatroom.client.ChatClient;
import chatroom.client.ClientOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar chat-client.jar [--host localhost] [--port 8888] [--user NAME]}: interactive on
 * a terminal, scriptable when standard input is a pipe or a file.
 */
@Command(name = "chat-client", mixinStandardHelpOptions = true, version = "chat-client 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Chat from the terminal. Type text to send it to the current room, or /help.",
                "When standard input is not a terminal, commands are read line by line and every event "
                        + "is printed as one line ([room] from: text, * system line)."})
public final class Main implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", defaultValue = "${env:CHAT_HOST:-localhost}",
            description = "Server host [CHAT_HOST]. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", defaultValue = "${env:CHAT_PORT:-8888}",
            description = "Server port [CHAT_PORT]. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--user", paramLabel = "NAME",
            description = "Log in as NAME at start; the password comes from the environment variable "
                    + "CHAT_PASSWORD or is asked for (without echo).")
    String user;

    @Option(names = "--tls", description = "Connect with TLS; the server's certificate and name are verified.")
    boolean tls;

    @Option(names = "--tls-trust", paramLabel = "FILE",
            description = "Trust the PEM certificate(s) in FILE, for a server with a self-signed certificate "
                    + "(implies --tls).")
    java.nio.file.Path tlsTrust;

    @Option(names = "--no-color", description = "No colours (also when the NO_COLOR variable is set).")
    boolean noColor;

    @Option(names = "--json", description = "Print events and results as JSON lines (scriptable mode).")
    boolean json;

    @Option(names = "--timeout-s", defaultValue = "30",
            description = "Seconds to wait for a reply. Default: ${DEFAULT-VALUE}")
    int timeoutS;

    @Option(names = "--window-backlog", defaultValue = "${env:CHAT_WINDOW_BACKLOG:-200}",
            description = "Lines a window keeps while you look at another; older ones are dropped and counted "
                    + "[CHAT_WINDOW_BACKLOG]. Default: ${DEFAULT-VALUE}")
    int windowBacklog;

    @Option(names = "--read-interval-ms", defaultValue = "${env:CHAT_READ_INTERVAL_MS:-1000}",
            description = "At most one read marker per conversation this often [CHAT_READ_INTERVAL_MS]. "
                    + "Default: ${DEFAULT-VALUE}")
    long readIntervalMs;

    @Option(names = "--send-retries", defaultValue = "${env:CHAT_SEND_RETRIES:-20}",
            description = "Resends of a line the server refused with rate_limited or busy, after its "
                    + "retry_after_ms or a backoff of 0.25 s to 4 s; 0: none [CHAT_SEND_RETRIES]. "
                    + "Default: ${DEFAULT-VALUE}")
    int sendRetries;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ShellOptions shellOptions = shellOptions(); // a bad value is a usage error before anything connects
        ClientOptions options = ClientOptions.builder().host(host).port(port).tls(tls).tlsTrust(tlsTrust)
                .requestTimeout(java.time.Duration.ofSeconds(timeoutS)).build();
        boolean interactive = System.console() != null && !json;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (ChatClient client = ChatClient.create(options)) {
            if (interactive) {
                return interactive(client, shellOptions);
            }
            ShellView view = json ? new JsonView(out) : new PlainView(out);
            ChatShell shell = new ChatShell(client, view, shellOptions);
            if (!connect(client, view)) {
                return 1;
            }
            if (user != null && !loginAtStart(shell, client, view, null)) {
                return 1;
            }
            return new ScriptRunner(shell, timeoutS + 5L)
                    .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
    }

    private int interactive(ChatClient client, ShellOptions shellOptions) throws Exception {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            boolean color = !noColor && System.getenv("NO_COLOR") == null;
            ChatShell[] shellHolder = new ChatShell[1];
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("chat")
                    .completer((r, line, candidates) -> InteractiveConsole.completer(shellHolder[0])
                            .complete(r, line, candidates))
                    .variable(LineReader.HISTORY_SIZE, 1000)
                    .build();
            TerminalView view = new TerminalView(reader, new LineFormatter(color, true, ZoneId.systemDefault()));
            ChatShell shell = new ChatShell(client, view, shellOptions);
            shellHolder[0] = shell;
            if (!connect(client, view)) {
                return 1;
            }
            view.system("type /help for commands, /quit to leave");
            if (user != null && !loginAtStart(shell, client, view, view)) {
                return 1;
            }
            new InteractiveConsole(reader, shell).run();
            return 0;
        }
    }

    private ShellOptions shellOptions() {
        try {
            return new ShellOptions(windowBacklog, readIntervalMs, sendRetries);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private boolean connect(ChatClient client, ShellView view) {
        try {
            client.connect().get(timeoutS, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            view.error("disconnected", cause.getMessage());
            return false;
        }
    }

    private boolean loginAtStart(ChatShell shell, ChatClient client, ShellView view, ShellView asker)
            throws Exception {
        String password = System.getenv("CHAT_PASSWORD");
        if (password == null && asker != null) {
            password = asker.askSecret("password for " + user + ": ");
        }
        if (password == null) {
            view.error("usage", "--user needs the password in CHAT_PASSWORD");
            return false;
        }
        shell.login(client.login(user, password)).get(timeoutS + 5L, TimeUnit.SECONDS);
        return !shell.loginFailed();
    }
}
