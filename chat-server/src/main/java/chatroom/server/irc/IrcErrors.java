package chatroom.server.irc;

import chatroom.codec.message.ErrorReply;

/** Turns a request's {@code error} reply into the standard IRC numeric for the command that caused it. */
final class IrcErrors {

    private IrcErrors() {
    }

    /** Writes the numeric for {@code error}, raised by {@code command} on {@code target}. */
    static void reply(IrcConnection irc, String command, String where, ErrorReply error) {
        String target = where == null ? "*" : where;
        String code = error.code();
        String text = error.message() == null ? code : error.message();
        switch (code) {
            case "no_such_room" -> irc.numeric("403", target, "No such channel");
            case "no_such_user" -> irc.numeric("401", target, "No such nick");
            case "not_member" -> {
                if (command.equals("PRIVMSG") || command.equals("NOTICE")) {
                    irc.numeric("404", target, "Cannot send to channel: you are not a member");
                } else {
                    irc.numeric("442", target, "You're not on that channel");
                }
            }
            case "forbidden" -> {
                if (command.equals("JOIN")) {
                    irc.numeric("473", target, "Cannot join channel (+i): invite only");
                } else {
                    irc.numeric("482", target, "You're not channel operator");
                }
            }
            case "muted" -> irc.numeric("404", target, "Cannot send to channel: you are muted");
            case "rate_limited" -> irc.numeric("404", target, "Cannot send: too many messages, slow down");
            case "invalid_name" -> irc.numeric("479", target, "Illegal channel name");
            case "busy" -> irc.numeric("263", command, "Server busy, please wait a while and try again");
            default -> irc.fromServer("FAIL", command, code.toUpperCase(java.util.Locale.ROOT), target, text);
        }
    }
}
