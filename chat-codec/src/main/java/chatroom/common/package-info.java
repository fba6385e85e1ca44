/** What server, client and bench share beyond the wire format: the choice of Netty transport, and future helpers. */
package chatroom.common;
