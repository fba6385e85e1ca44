/** Typed records for every message of the wire contract, one record per {@code type}. */
package chatroom.codec.message;
