/** How the server's own logging is set up at start. */
package chatroom.server.logging;
