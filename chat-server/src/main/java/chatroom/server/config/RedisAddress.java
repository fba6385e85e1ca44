package chatroom.server.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms {@code --cluster} takes, checked at start so that a mistyped address is refused with its
 * text rather than failing later inside the Redis client:
 * <ul>
 *   <li>{@code redis://HOST:PORT}: one Redis;</li>
 *   <li>{@code redis-sentinel://HOST:PORT[,HOST:PORT…]/?sentinelMasterId=NAME} or
 *   {@code redis-sentinel://HOST:PORT[,HOST:PORT…]#NAME}: the Sentinels of a Redis with automatic
 *   failover, asked for the master named NAME at every (re)connect (Lettuce's URI forms).</li>
 * </ul>
 */
final class RedisAddress {

    static final String FORMS = "redis://HOST:PORT or redis-sentinel://HOST:PORT[,HOST:PORT...]/?sentinelMasterId=NAME";
    private static final Pattern MASTER_PARAMETER = Pattern.compile("[?&]sentinelMasterId=([^&#]*)");

    private RedisAddress() {
    }

    /** @throws IllegalArgumentException naming {@code uri} when it is none of the forms */
    static void check(String uri) {
        if (uri != null && uri.startsWith("redis://")) {
            return;
        }
        if (uri == null || !uri.startsWith("redis-sentinel://")) {
            throw new IllegalArgumentException("--cluster takes " + FORMS + ", not " + uri);
        }
        if (masterName(uri).isEmpty()) {
            throw new IllegalArgumentException("--cluster " + uri + " names no master: add /?sentinelMasterId=NAME "
                    + "(the name in the Sentinels' 'sentinel monitor NAME …')");
        }
    }

    private static String masterName(String uri) {
        int fragment = uri.indexOf('#');
        if (fragment >= 0 && fragment < uri.length() - 1) {
            return uri.substring(fragment + 1);
        }
        Matcher parameter = MASTER_PARAMETER.matcher(uri);
        return parameter.find() ? parameter.group(1) : "";
    }
}
