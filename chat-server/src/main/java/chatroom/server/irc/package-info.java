/** The IRC gateway: line framing, IRC ↔ request translation, replies and events as IRC lines (protocol §11). */
package chatroom.server.irc;
