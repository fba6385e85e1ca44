/** The command-line client: option parsing, the command language, the terminal and scriptable front ends. */
package chatroom.client.cli;
