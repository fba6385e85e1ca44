/** Durable storage: users, tokens, rooms, memberships and messages, with group commit. */
package chatroom.server.store;
