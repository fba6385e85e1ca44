package chatroom.server.config;

import chatroom.server.store.Names;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is admin by configuration, and how long a login lasts.
 *
 * @param admins the names whose accounts get admin rights at start-up and on registration, as name
 *     keys ({@link Names#key}); the rights are then the account's, kept through renames
 * @param tokenTtl how long a login token stays valid
 */
public record AccountSettings(Set<String> admins, Duration tokenTtl) {

    public static final long DEFAULT_TOKEN_TTL_H = 7 * 24;
    public static final AccountSettings DEFAULTS = new AccountSettings(Set.of(), Duration.ofHours(DEFAULT_TOKEN_TTL_H));

    public AccountSettings {
        admins = admins.stream().map(Names::key).collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("token TTL must be positive");
        }
    }
}
