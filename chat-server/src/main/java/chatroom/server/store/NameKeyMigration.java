package chatroom.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the stored name keys up to today's {@link Names#key} at start-up. Every user and room
 * whose stored {@code name_key} differs from the key of its name moves to the new key through
 * the same SQL a rename uses, so tokens, memberships, mutes, rooms owned, files and messages
 * follow; all of it in the one transaction of the caller.
 *
 * <p>When two stored names now have the same key (say {@code root} and a fullwidth {@code ｒｏｏｔ}
 * registered before the rule), the one that already has the key, else the one created first,
 * takes it; the other keeps its old key, is logged, and loses its tokens: its name now means the
 * other account, so nothing may act in its name until an operator resolves it (the store keeps all
 * of its data, and {@link JdbcChatStore#load} leaves it out of memory).
 *
 * <p>The key rule applied is remembered in table {@code name_key_version}, so the scan runs once.
 * Bump {@link #VERSION} whenever keys change: a new rule, or an ICU4J upgrade whose Unicode data
 * moves skeletons.
 */
final class NameKeyMigration {

    /** 0: NFC and lower case (before protocol 2); 1: the skeleton of the UsernameCaseMapped form, ICU4J 77.1. */
    static final int VERSION = 1;

    private static final Logger log = LoggerFactory.getLogger(NameKeyMigration.class);

    /** Moves one stored name from its old key to its new one. */
    @FunctionalInterface
    interface KeyMove {
        void move(WriteTransaction tx, String oldKey, String newKey, String name) throws SQLException;
    }

    private NameKeyMigration() {
    }

    /**
     * Re-keys what needs it, unless this database is already at {@link #VERSION}.
     *
     * @param lockSql a statement that keeps other servers out until the commit (null: one server only)
     * @throws StoreException when a newer server already applied a later key rule
     */
    static void run(WriteTransaction tx, String lockSql, KeyMove moveUser, KeyMove moveRoom) throws SQLException {
        if (lockSql != null) {
            tx.exists(lockSql);
        }
        tx.update("CREATE TABLE IF NOT EXISTS name_key_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)");
        int applied = appliedVersion(tx);
        if (applied > VERSION) {
            throw new StoreException("the names in the database were keyed by a newer server (name key rule "
                    + applied + ", this server knows " + VERSION + ")");
        }
        if (applied == VERSION) {
            return;
        }
        List<String> kept = new ArrayList<>();
        int users = rekey(tx, "users", moveUser, kept);
        int rooms = rekey(tx, "rooms", moveRoom, kept);
        for (String userKey : kept) {
            tx.update("DELETE FROM tokens WHERE user_key = ?", userKey);
        }
        tx.update("DELETE FROM name_key_version");
        tx.update("INSERT INTO name_key_version(id, version) VALUES (1, ?)", VERSION);
        log.info("name keys brought to rule {} (was {}): {} users and {} rooms re-keyed", VERSION, applied, users,
                rooms);
    }

    private static int appliedVersion(WriteTransaction tx) throws SQLException {
        try (PreparedStatement st = tx.prepare("SELECT version FROM name_key_version WHERE id = 1");
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Moves every row of {@code table} whose key is out of date, oldest first. A move waits while its
     * new key is still some other row's old key (that row may move away first); what cannot move
     * keeps its key and is added to {@code kept} (users only: their keys, for the token purge).
     */
    private static int rekey(WriteTransaction tx, String table, KeyMove move, List<String> kept) throws SQLException {
        Set<String> taken = new HashSet<>();
        List<Stale> stale = new ArrayList<>();
        try (PreparedStatement st = tx.prepare("SELECT name_key, name FROM " + table + " ORDER BY created, name_key");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String oldKey = rs.getString(1);
                String name = rs.getString(2);
                taken.add(oldKey);
                String newKey = Names.key(name);
                if (!newKey.equals(oldKey)) {
                    stale.add(new Stale(oldKey, newKey, name));
                }
            }
        }
        Set<String> inConversations = keysInConversations(tx, table);
        int moved = 0;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Iterator<Stale> it = stale.iterator(); it.hasNext(); ) {
                Stale row = it.next();
                if (taken.contains(row.newKey()) || inConversations.contains(row.newKey())) {
                    continue; // the new key is another's, or a deleted one's messages still carry it
                }
                move.move(tx, row.oldKey(), row.newKey(), row.name());
                taken.remove(row.oldKey());
                taken.add(row.newKey());
                if (inConversations.remove(row.oldKey())) {
                    inConversations.add(row.newKey());
                }
                it.remove();
                moved++;
                progress = true;
            }
        }
        for (Stale row : stale) {
            log.warn("{} '{}' keeps its old key '{}': its name now means the same as another's (key '{}');"
                    + " rename or delete one of them", table.equals("users") ? "user" : "room", row.name(),
                    row.oldKey(), row.newKey());
            if (table.equals("users")) {
                kept.add(row.oldKey());
            }
        }
        return moved;
    }

    /**
     * The room keys that name a stored conversation ({@code r:<room>}): a room may not move onto a
     * key that only a deleted room's messages still carry, since merging two conversations would
     * break their seqs. Users need no such check: direct conversations are keyed by account ids, and
     * a deleted account stays as a tombstone row whose key is taken.
     */
    private static Set<String> keysInConversations(WriteTransaction tx, String table) throws SQLException {
        Set<String> keys = new HashSet<>();
        if (!table.equals("rooms")) {
            return keys;
        }
        try (PreparedStatement st = tx.prepare("SELECT conv FROM conv_seqs WHERE conv LIKE 'r:%'");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1).substring(2));
            }
        }
        return keys;
    }

    private record Stale(String oldKey, String newKey, String name) {
    }
}
