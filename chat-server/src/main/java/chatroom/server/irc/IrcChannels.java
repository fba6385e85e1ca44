package chatroom.server.irc;

/** Channel names: {@code #room} is room {@code room}; anything else is not a channel here. */
final class IrcChannels {

    private IrcChannels() {
    }

    /** {@code #room} → {@code room}; anything else is answered 403 and gives {@code null}. */
    static String room(IrcConnection irc, String channel) {
        if (channel == null || channel.length() < 2 || channel.charAt(0) != '#') {
            irc.numeric("403", channel == null ? "*" : channel, "No such channel");
            return null;
        }
        return channel.substring(1);
    }
}
