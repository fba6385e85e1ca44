package chatroom.server.irc;

import chatroom.codec.message.ErrorReply;
import chatroom.codec.message.Login;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Results.LoginResult;
import chatroom.server.pipeline.RequestQueue;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Registration of an IRC client: {@code CAP} negotiation, SASL PLAIN or {@code PASS}, {@code NICK}
 * and {@code USER}. Credentials become the JSON protocol's {@code login} request, so the login
 * throttle, bans and password hashing are the same; no credentials get {@code 464} and a close.
 */
final class IrcRegistration {

    private final IrcConnection irc;
    private final IrcCommands commands;
    private final IrcConfig config;

    IrcRegistration(IrcConnection irc, IrcCommands commands, IrcConfig config) {
        this.irc = irc;
        this.commands = commands;
        this.config = config;
    }

    void run(IrcMessage m) {
        ChannelHandlerContext ctx = irc.ctx();
        switch (m.command()) {
            case "CAP" -> cap(m);
            case "AUTHENTICATE" -> authenticate(m);
            case "PASS" -> irc.pass = m.param(0);
            case "NICK" -> {
                if (m.param(0) == null || m.param(0).isEmpty()) {
                    irc.numeric("431", "No nickname given");
                } else {
                    irc.nick = m.param(0);
                    completeRegistration(ctx);
                }
            }
            case "USER" -> {
                if (m.params().size() < 4) {
                    irc.numeric("461", "USER", "Not enough parameters");
                } else {
                    irc.user = m.param(0);
                    completeRegistration(ctx);
                }
            }
            case "PING" -> irc.fromServer("PONG", IrcConnection.SERVER, m.param(0) == null ? "" : m.param(0));
            case "PONG" -> { }
            case "QUIT" -> quit(ctx);
            default -> irc.numeric("451", "You have not registered");
        }
    }

    /** CAP also works after registration (LS, LIST, REQ). */
    void cap(IrcMessage m) {
        String sub = m.param(0) == null ? "" : m.param(0).toUpperCase(java.util.Locale.ROOT);
        switch (sub) {
            case "LS" -> {
                if (!irc.registered) {
                    irc.capNegotiating = true;
                }
                boolean v302 = m.param(1) != null && m.param(1).compareTo("302") >= 0;
                if (v302) {
                    irc.enable(IrcCaps.CAP_NOTIFY);
                }
                irc.fromServer("CAP", irc.nick, "LS", IrcCaps.ls(v302));
            }
            case "LIST" -> irc.fromServer("CAP", irc.nick, "LIST", String.join(" ", IrcCaps.OFFERED.stream()
                    .filter(irc::has).toList()));
            case "REQ" -> {
                if (!irc.registered) {
                    irc.capNegotiating = true;
                }
                String wanted = m.param(1) == null ? "" : m.param(1).trim();
                boolean all = true;
                for (String cap : wanted.split(" +")) {
                    String name = cap.startsWith("-") ? cap.substring(1) : cap;
                    all &= !name.isEmpty() && IrcCaps.offered(name);
                }
                if (!all) {
                    irc.fromServer("CAP", irc.nick, "NAK", wanted);
                    return;
                }
                for (String cap : wanted.split(" +")) {
                    if (cap.startsWith("-")) {
                        irc.disable(cap.substring(1));
                    } else {
                        irc.enable(cap);
                    }
                }
                irc.fromServer("CAP", irc.nick, "ACK", wanted);
            }
            case "END" -> {
                irc.capNegotiating = false;
                completeRegistration(irc.ctx());
            }
            default -> irc.numeric("410", sub, "Invalid CAP command");
        }
    }

    /** SASL PLAIN (RFC 4616): {@code authzid NUL authcid NUL password}, base64, in chunks of 400. */
    private void authenticate(IrcMessage m) {
        String arg = m.param(0);
        if (arg == null) {
            irc.numeric("461", "AUTHENTICATE", "Not enough parameters");
        } else if (arg.equals("*")) {
            irc.saslMechanism = null;
            irc.numeric("906", "SASL authentication aborted");
        } else if (irc.loggedIn) {
            irc.numeric("907", "You have already authenticated using SASL");
        } else if (irc.saslMechanism == null) {
            if (arg.equalsIgnoreCase("PLAIN")) {
                irc.saslMechanism = "PLAIN";
                irc.saslBuffer = new StringBuilder();
                irc.fromServer("AUTHENTICATE", "+");
            } else {
                irc.numeric("908", "PLAIN", "are available SASL mechanisms");
                irc.numeric("904", "SASL authentication failed");
            }
        } else {
            if (!arg.equals("+")) {
                irc.saslBuffer.append(arg);
            }
            if (arg.length() == 400) {
                return; // more chunks follow
            }
            irc.saslMechanism = null;
            String[] decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(irc.saslBuffer.toString()), StandardCharsets.UTF_8)
                        .split("\0", -1);
            } catch (IllegalArgumentException e) {
                decoded = new String[0];
            }
            String[] parts = decoded;
            if (parts.length != 3 || parts[1].isEmpty()) {
                irc.numeric("904", "SASL authentication failed");
                return;
            }
            String account = parts[1];
            irc.loginSent = true;
            irc.request(id -> new Login(id, account, parts[2], null), reply -> {
                irc.loginSent = false;
                if (reply instanceof Ok ok && ok.result() instanceof LoginResult result) {
                    irc.loggedIn = true;
                    irc.loginRooms = result.rooms() == null ? java.util.List.of() : result.rooms();
                    irc.numeric("900", IrcConnection.userPrefix(result.user()), result.user(),
                            "You are now logged in as " + result.user());
                    irc.numeric("903", "SASL authentication successful");
                    adoptNick(result.user());
                    completeRegistration(irc.ctx());
                } else {
                    irc.numeric("904", "SASL authentication failed: " + reason(reply));
                }
            });
        }
    }

    /** Registration ends once NICK and USER are in and CAP negotiation is over; then it needs credentials. */
    private void completeRegistration(ChannelHandlerContext ctx) {
        if (irc.registered || irc.loginSent || irc.capNegotiating || irc.user == null || "*".equals(irc.nick)) {
            return;
        }
        if (irc.loggedIn) {
            irc.registered = true;
            commands.welcome(config);
            return;
        }
        if (irc.pass == null) {
            irc.numeric("464", "Password required: use SASL PLAIN or PASS account:password");
            closeWithError(ctx, "Password required");
            return;
        }
        String pass = irc.pass;
        irc.pass = null;
        int colon = pass.indexOf(':');
        String account = colon < 0 ? null : pass.substring(0, colon);
        String password = colon < 0 ? null : pass.substring(colon + 1);
        irc.loginSent = true;
        irc.request(id -> colon < 0 ? new Login(id, null, null, pass) : new Login(id, account, password, null),
                reply -> {
                    irc.loginSent = false;
                    if (reply instanceof Ok ok && ok.result() instanceof LoginResult result) {
                        irc.loggedIn = true;
                        irc.loginRooms = result.rooms() == null ? java.util.List.of() : result.rooms();
                        adoptNick(result.user());
                        irc.registered = true;
                        commands.welcome(config);
                    } else {
                        irc.numeric("464", "Password incorrect: " + reason(reply));
                        closeWithError(ctx, "Bad password");
                    }
                });
    }

    /** The nick is the account's name: a client that asked for another one is told of the change. */
    private void adoptNick(String account) {
        if (!account.equals(irc.nick) && !"*".equals(irc.nick)) {
            irc.fromUser(irc.nick, "NICK", account);
        }
        irc.nick = account;
    }

    private static String reason(Reply reply) {
        return reply instanceof ErrorReply error ? error.code() : "unexpected reply";
    }

    private void quit(ChannelHandlerContext ctx) {
        closeWithError(ctx, "Quit");
    }

    private void closeWithError(ChannelHandlerContext ctx, String reason) {
        RequestQueue requests = RequestQueue.of(ctx.channel());
        if (requests != null) {
            requests.discard();
        }
        ctx.writeAndFlush(irc.encode(IrcMessage.of("ERROR", "Closing link: " + reason)))
                .addListener(ChannelFutureListener.CLOSE);
    }

}
