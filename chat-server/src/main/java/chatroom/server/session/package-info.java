/** One connection's state: who is logged in, its ordered request queue and its bounded outbound queue. */
package chatroom.server.session;
