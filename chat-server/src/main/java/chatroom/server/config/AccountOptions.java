package chatroom.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** The command-line options of {@link AccountSettings} (a picocli mixin of the server command). */
public final class AccountOptions {

    @Option(names = "--admin", split = ",", paramLabel = "NAME", defaultValue = "${env:CHAT_ADMINS}",
            description = "Admin rights for the account of this name, granted at start-up and on registration;"
                    + " they then follow the account through renames. Repeat or separate with commas"
                    + " [CHAT_ADMINS, comma-separated].")
    List<String> admins = new ArrayList<>();

    @Option(names = "--token-ttl-h", defaultValue = "${env:CHAT_TOKEN_TTL_H:-" + AccountSettings.DEFAULT_TOKEN_TTL_H + "}",
            description = "Hours a login token stays valid [CHAT_TOKEN_TTL_H]. Default: ${DEFAULT-VALUE}")
    long tokenTtlHours;

    public AccountSettings toSettings() {
        Set<String> names = admins.stream().map(String::strip).filter(name -> !name.isEmpty())
                .collect(Collectors.toSet());
        return new AccountSettings(names, Duration.ofHours(tokenTtlHours));
    }
}
