/** Lean load-generator connections that speak the wire contract: framing, requests, timed sends, receipt times. */
package chatroom.bench.client;
