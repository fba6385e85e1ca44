/** The client's connection: bootstrap and pipeline, request queue and reply matching, heartbeat, reconnect, resume without gaps, and the one place listeners are called. */
package chatroom.client.connection;
