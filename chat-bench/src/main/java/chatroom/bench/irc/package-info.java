/** The load generator's IRC mode: connections that register, join and send PRIVMSG, and an ngircd to compare with. */
package chatroom.bench.irc;
