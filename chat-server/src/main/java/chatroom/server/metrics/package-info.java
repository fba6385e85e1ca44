/**
 * What the server counts and exposes at {@code /metrics} (Prometheus text, through Micrometer):
 * counters held in fields so that a hot path pays one atomic add, gauges read on scrape.
 */
package chatroom.server.metrics;
