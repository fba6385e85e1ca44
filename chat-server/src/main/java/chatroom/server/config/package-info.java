/** The server's immutable configuration: one settings record per concern with its defaults, and the picocli mixin that builds each. */
package chatroom.server.config;
