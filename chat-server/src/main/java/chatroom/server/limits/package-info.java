/** Connection caps every listener shares: the per-address and total caps, and the total's derivation from the open-file limit. */
package chatroom.server.limits;
