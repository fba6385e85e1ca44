/** What each request does: accounts, rooms, messages and moderation, answered through the store. */
package chatroom.server.command;
