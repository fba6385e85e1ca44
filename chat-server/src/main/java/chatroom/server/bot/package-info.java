/**
 * The room assistant: a room message starting with {@code @bot} is answered in the room by the user
 * {@code bot}, through an OpenAI-compatible chat-completions endpoint called asynchronously, off
 * the event loops, with a timeout; any failure becomes a short apology.
 */
package chatroom.server.bot;
