/** Results of a run: the human summary, JSON and CSV files, HdrHistogram percentile files and PNG latency plots. */
package chatroom.bench.report;
