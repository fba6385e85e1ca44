package chatroom.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link FileIndex} on SQL: table {@code files}, one row of metadata per shared file. A file
 * belongs to a room by the room's key and to its uploader by name, so renames and room deletions
 * move the rows ({@link #moveRoom}, {@link #moveSender}).
 */
final class FileSql implements FileIndex {

    private static final String FILE_COLUMNS = "f.file_id, r.name, f.name, f.size, f.sha256, f.sender, f.ts";

    private final SqlExecutor sql;
    private final Database db;

    FileSql(SqlExecutor sql, Database db) {
        this.sql = sql;
        this.db = db;
    }

    @Override
    public CompletableFuture<Void> addFile(FileRecord file) {
        return sql.writeVoid(tx -> tx.update(
                "INSERT INTO files(file_id, room_key, name, size, sha256, sender, ts) VALUES (?, ?, ?, ?, ?, ?, ?)",
                file.fileId(), Names.key(file.room()), file.name(), file.size(), file.sha256(), file.from(), file.ts()));
    }

    @Override
    public CompletableFuture<FileBytes> fileBytes(String uploader) {
        return sql.read("SELECT COALESCE(SUM(CASE WHEN sender = ? THEN size ELSE 0 END), 0), COALESCE(SUM(size), 0)"
                + " FROM files", st -> {
                    st.setString(1, uploader);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        return new FileBytes(rs.getLong(1), rs.getLong(2));
                    }
                });
    }

    @Override
    public CompletableFuture<List<FileRecord>> files(String room) {
        return sql.read("SELECT " + FILE_COLUMNS + " FROM files f JOIN rooms r ON r.name_key = f.room_key"
                + " WHERE f.room_key = ? ORDER BY " + db.filesInUploadOrder(), st -> {
                    st.setString(1, Names.key(room));
                    List<FileRecord> files = new ArrayList<>();
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            files.add(fileRecord(rs));
                        }
                    }
                    return files;
                });
    }

    @Override
    public CompletableFuture<Optional<FileRecord>> file(String fileId) {
        return sql.read("SELECT " + FILE_COLUMNS + " FROM files f JOIN rooms r ON r.name_key = f.room_key"
                + " WHERE f.file_id = ?", st -> {
                    st.setString(1, fileId);
                    try (ResultSet rs = st.executeQuery()) {
                        return rs.next() ? Optional.of(fileRecord(rs)) : Optional.empty();
                    }
                });
    }

    private static FileRecord fileRecord(ResultSet rs) throws SQLException {
        return new FileRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getLong(7));
    }

    // ---- parts of other kinds' writes, in their transaction ----

    /** Moves a room's files to another room key: a rename, or a deletion's archive key. */
    static void moveRoom(WriteTransaction tx, String oldKey, String newKey) throws SQLException {
        tx.update("UPDATE files SET room_key = ? WHERE room_key = ?", newKey, oldKey);
    }

    /** Carries an uploader's files along to the new name (quotas count by sender name). */
    static void moveSender(WriteTransaction tx, String oldName, String newName) throws SQLException {
        tx.update("UPDATE files SET sender = ? WHERE sender = ?", newName, oldName);
    }
}
