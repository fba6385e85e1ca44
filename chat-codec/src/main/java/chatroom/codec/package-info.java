/** Framing (4-byte length prefix) and the JSON codec that turns frames into typed messages and back. */
package chatroom.codec;
