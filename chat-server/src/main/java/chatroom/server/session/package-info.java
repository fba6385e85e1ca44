/** One connection's state: who is logged in, its bounded outbound queue, the resume gate and its disconnector. */
package chatroom.server.session;
