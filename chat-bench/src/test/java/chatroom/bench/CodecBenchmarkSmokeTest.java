package chatroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.bench.jmh.CodecBenchmark;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Keeps the JMH codec benchmarks runnable: one short iteration of each, in this JVM, no numbers asserted. */
class CodecBenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsAndProducesAScore() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(CodecBenchmark.class.getName())
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .timeUnit(TimeUnit.MICROSECONDS)
                .shouldFailOnError(true)
                .build()).run();

        assertThat(results).hasSizeGreaterThanOrEqualTo(4);
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
