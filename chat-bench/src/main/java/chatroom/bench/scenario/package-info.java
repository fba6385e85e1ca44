/** The load scenarios: who connects, who sends what to whom, and what is measured. */
package chatroom.bench.scenario;
