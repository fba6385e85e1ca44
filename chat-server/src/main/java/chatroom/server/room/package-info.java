/** Rooms in memory (members, topic, latest seq) and the fan-out of stored messages to members' sessions. */
package chatroom.server.room;
