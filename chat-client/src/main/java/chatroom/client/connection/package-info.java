/** The client's connection: pipeline, request matching, heartbeat, reconnect and resume without gaps. */
package chatroom.client.connection;
