/**
 * Files shared in rooms: uploads in chunks checked with SHA-256, bytes stored content-addressed
 * under the data directory, or in the PostgreSQL store so every node of a cluster serves them (a
 * file's name is only ever displayed, never used as a path), and
 * downloads paced by the connection's writability so they never crowd out chat traffic.
 */
package chatroom.server.files;
