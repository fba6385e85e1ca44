package chatroom.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The web page's files, read once from the classpath ({@code chatroom/server/web/}) into memory.
 * A request path is only ever a key into this table.
 */
public final class StaticFiles {

    /** One file to serve. */
    public record File(String contentType, byte[] bytes) {
    }

    private static final String BASE = "chatroom/server/web/";

    /** The page's ES modules under {@code /js/}: listed, so a request path never reaches the classpath. */
    private static final List<String> MODULES = List.of("main.js", "dom.js", "linkify.js", "connection.js",
            "conversations.js", "messages.js", "outbox.js", "files.js", "notifications.js");

    private final Map<String, File> files = new HashMap<>();

    private StaticFiles() {
    }

    /** The page: index.html at {@code /}, its modules under {@code /js/} and its style sheet beside it. */
    public static StaticFiles load() {
        StaticFiles table = new StaticFiles();
        table.add("/", "index.html", "text/html; charset=utf-8");
        table.add("/index.html", "index.html", "text/html; charset=utf-8");
        for (String module : MODULES) {
            table.add("/js/" + module, "js/" + module, "text/javascript; charset=utf-8");
        }
        table.add("/style.css", "style.css", "text/css; charset=utf-8");
        table.add("/favicon.svg", "favicon.svg", "image/svg+xml");
        return table;
    }

    private void add(String path, String resource, String contentType) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(BASE + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BASE + resource);
            }
            files.put(path, new File(contentType, in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file at exactly this path, or null. */
    public File find(String path) {
        return files.get(path);
    }
}
