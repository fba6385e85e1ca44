package chatroom.server;

import chatroom.server.store.StoreException;
import chatroom.server.store.StoreIntegrityCheck;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chat-server check --data-dir DIR}: the full integrity check of the embedded database and of
 * its search index, which start-up does not run (it reads every page, so it would make start-up grow
 * with the store). Exits 0 when both are sound, 1 when either is damaged or the database is absent.
 * Safe next to a running server.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks every page of the embedded database and its search index (PRAGMA integrity_check)"
                + " and exits: 0 sound, 1 damaged or missing. Read-only; may run while the server runs.")
final class StoreCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "${env:CHAT_DATA_DIR:-data}",
            description = "Directory of the embedded database [CHAT_DATA_DIR]. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Override
    public Integer call() {
        StoreIntegrityCheck.Result result;
        try {
            result = StoreIntegrityCheck.check(dataDir);
        } catch (StoreException e) {
            spec.commandLine().getErr().println("chat-server check: " + e.getMessage());
            return 1;
        }
        boolean sound = report(result, "restore it from a backup or move it away");
        Optional<StoreIntegrityCheck.Result> index = StoreIntegrityCheck.checkSearchIndex(dataDir);
        if (index.isPresent()) {
            sound &= report(index.get(), "delete it: the next start builds it again from the messages");
        }
        return sound ? 0 : 1;
    }

    private boolean report(StoreIntegrityCheck.Result result, String advice) {
        if (result.ok()) {
            spec.commandLine().getOut().println(result.file() + ": ok");
            return true;
        }
        spec.commandLine().getOut().println(result.file() + ": damaged; " + advice);
        result.problems().forEach(problem -> spec.commandLine().getOut().println("  " + problem));
        return false;
    }
}
