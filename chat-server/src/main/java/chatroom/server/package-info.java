/** The chat server: start-up, shutdown and the command line. */
package chatroom.server;
