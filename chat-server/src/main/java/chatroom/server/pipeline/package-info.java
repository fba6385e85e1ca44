/** The channel pipeline: initializer, handler names, session and request queue, limits, exception handler. */
package chatroom.server.pipeline;
