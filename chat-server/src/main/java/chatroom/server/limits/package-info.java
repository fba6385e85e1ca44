/**
 * Limits every listener shares: the per-address and total connection caps (and the total's
 * derivation from the open-file limit), and the counters that make the abuse limits hold for a
 * cluster as a whole ({@link chatroom.server.limits.SharedCounters}).
 */
package chatroom.server.limits;
