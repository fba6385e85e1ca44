package chatroom.server.config;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;

/**
 * Resolves each option's own {@code defaultValue = "${env:CHAT_X:-fallback}"} against a given
 * environment instead of the process's, so the variable stays declared once, on the option, and a
 * test can hand in its own variables. With {@link System#getenv()} it gives what picocli would, except
 * that a value is taken literally: picocli's own lookup interpolates a {@code ${...}} inside a value
 * again (a MOTD {@code "a ${b}"} became {@code "a null"}).
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {

    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)(?::-([^}]*))?}");

    private final Map<String, String> environment;

    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** The variable an option's default names, or null when its default names none. */
    public static String variableOf(ArgSpec arg) {
        Matcher matcher = envDefault(arg);
        return matcher == null ? null : matcher.group(1);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        Matcher matcher = envDefault(arg);
        if (matcher == null) {
            return null; // picocli uses the annotation as it stands
        }
        String value = environment.get(matcher.group(1));
        // picocli interpolates what a provider returns; "$${" is its escape for a literal "${".
        return value != null ? value.replace("${", "$${") : matcher.group(2);
    }

    private static Matcher envDefault(ArgSpec arg) {
        if (!(arg.userObject() instanceof Field field) || field.getAnnotation(Option.class) == null) {
            return null;
        }
        Matcher matcher = ENV_DEFAULT.matcher(field.getAnnotation(Option.class).defaultValue());
        return matcher.matches() ? matcher : null;
    }
}
