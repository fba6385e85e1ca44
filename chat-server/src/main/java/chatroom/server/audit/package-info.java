/** The audit trail: who did what to whom from where, in its own logger and file, never a secret or a message. */
package chatroom.server.audit;
