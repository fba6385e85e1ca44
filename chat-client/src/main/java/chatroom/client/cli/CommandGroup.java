package chatroom.client.cli;

import java.util.concurrent.CompletableFuture;

/** Runs the commands of one {@link CommandSpec.Group}; completes when the command's replies are in. */
interface CommandGroup {

    /** @throws UsageException when the words do not fit the command's usage */
    CompletableFuture<Void> run(CommandSpec spec, ParsedInput in);
}
