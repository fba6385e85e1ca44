/** Password hashing and login tokens. */
package chatroom.server.auth;
