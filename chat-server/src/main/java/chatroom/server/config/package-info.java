/** The server's immutable configuration and its documented defaults. */
package chatroom.server.config;
