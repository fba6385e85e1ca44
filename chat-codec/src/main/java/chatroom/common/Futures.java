package chatroom.common;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one place that looks through the wrappers {@code CompletableFuture} puts around a failure. */
public final class Futures {

    private Futures() {
    }

    /**
     * The failure itself: {@code error} without its {@link CompletionException} and
     * {@link ExecutionException} wrappers (however deeply nested), or {@code error} when it has none.
     */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
