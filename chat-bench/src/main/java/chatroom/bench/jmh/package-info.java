/** JMH micro-benchmarks of the codec: run with {@code java -cp chat-bench/target/chat-bench.jar org.openjdk.jmh.Main}. */
package chatroom.bench.jmh;
