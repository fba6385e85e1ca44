/**
 * File sharing for the client library: uploads in pipelined chunks, downloads written to a
 * {@code .part} file that a later download resumes, both checked with SHA-256, and the local
 * file name made safe, since it comes from another user.
 */
package chatroom.client.files;
