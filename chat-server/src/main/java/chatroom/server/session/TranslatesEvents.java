package chatroom.server.session;

/**
 * Marks the outbound handler of a transport that turns the session's events into its own format
 * (the IRC gateway). A session whose pipeline holds one writes a broadcast's {@link SharedEvent}
 * whole, so the handler reads the event record instead of parsing the JSON body again.
 */
public interface TranslatesEvents {
}
