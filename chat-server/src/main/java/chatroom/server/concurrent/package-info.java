/** Who runs what: the serial executor that owns the in-memory room and session state, and future helpers. */
package chatroom.server.concurrent;
