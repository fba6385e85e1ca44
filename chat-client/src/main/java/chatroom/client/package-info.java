/** The client library: an async {@link chatroom.client.ChatClient}, its options, listeners and a blocking facade. */
package chatroom.client;
