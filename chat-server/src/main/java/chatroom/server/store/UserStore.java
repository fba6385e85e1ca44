package chatroom.server.store;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Accounts and their login tokens: registration, look-up, admin and ban flags, passwords, renames
 * (the old name stays reserved for the account) and deletion (a tombstone keeps id and name).
 * Same threading and failure rules as every part of the {@link ChatStore}: no method blocks, futures
 * complete on store threads, failures are {@link StoreException}s.
 */
public interface UserStore {

    /**
     * Creates an account with a new id and makes it a member of {@link RoomStore#LOBBY}, in one
     * transaction. Fails with {@link UserExistsException} when the name's key is taken: by an account,
     * by a deleted account's tombstone, or as a name an account had before a rename (it stays reserved
     * for it).
     */
    CompletableFuture<UserRecord> createUser(String name, String passwordHash, long createdTs, boolean admin);

    /** {@link #createUser(String, String, long, boolean)} without admin rights. */
    default CompletableFuture<UserRecord> createUser(String name, String passwordHash, long createdTs) {
        return createUser(name, passwordHash, createdTs, false);
    }

    /** The live account of that name; never a deleted one. */
    CompletableFuture<Optional<UserRecord>> findUser(String name);

    /**
     * The account of that name, a deleted one's tombstone included: for reading a direct
     * conversation with an account that no longer exists.
     */
    CompletableFuture<Optional<UserRecord>> findAccount(String name);

    /**
     * Grants or revokes admin rights of a live account (no account of that name: nothing changes).
     * Revoking the last admin fails with {@link LastAdminException}.
     */
    CompletableFuture<Void> setAdmin(String user, boolean admin);

    CompletableFuture<Void> setBanned(String user, boolean banned);

    /** Stores a login token by its hash (never the token itself). */
    CompletableFuture<Void> saveToken(String tokenHash, String user, long expiresAtMs);

    /** The user a token hash belongs to, when it exists and has not expired at {@code nowMs}. */
    CompletableFuture<Optional<UserRecord>> findUserByToken(String tokenHash, long nowMs);

    CompletableFuture<Void> deleteToken(String tokenHash);

    /** Revokes every token of a user (ban). */
    CompletableFuture<Void> deleteTokensOf(String user);

    /** Sets a new password hash and revokes every token of the user. */
    CompletableFuture<Void> setPassword(String user, String passwordHash);

    /**
     * Deletes an account: its tokens, memberships, mutes and admin rights go, its password hash becomes
     * unusable, and a tombstone keeps its id and name so that neither is ever someone else's. Messages
     * it sent stay. Deleting the last admin fails with {@link LastAdminException}.
     */
    CompletableFuture<Void> deleteUser(String user);

    /**
     * Renames an account everywhere its name is referenced, its sent messages included; its id, and so
     * its direct conversations, stay. The old name stays reserved for the account. Fails with
     * {@link UserExistsException} when the new name is taken or reserved for another account.
     */
    CompletableFuture<Void> renameUser(String user, String newName);
}
