/** Durable storage: users, rooms, messages and file metadata behind one role interface each, on SQL with group commit. */
package chatroom.server.store;
