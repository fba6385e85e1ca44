/**
 * The HTTP port: the web chat page, {@code /health}, {@code /metrics}, and the WebSocket transport
 * at {@code /ws}, which after its handshake runs the same decoder, limits and session handler as
 * the TCP port, one JSON object per text frame.
 */
package chatroom.server.http;
