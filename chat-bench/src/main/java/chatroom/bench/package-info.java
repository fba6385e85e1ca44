/** The {@code chat-bench} command line: one subcommand per load scenario. */
package chatroom.bench;
