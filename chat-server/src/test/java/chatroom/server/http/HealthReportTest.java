package chatroom.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** /health is public: a failure's message keeps its words and loses its paths. */
class HealthReportTest {

    @Test
    void pathsInAFailureMessage_areCutOut() {
        assertThat(HealthReport.withoutPaths("the last write failed: [SQLITE_FULL] /srv/chat/data/chat.db is full"))
                .isEqualTo("the last write failed: [SQLITE_FULL] [path] is full");
        assertThat(HealthReport.withoutPaths("cannot open C:\\chat\\data\\chat.db-wal"))
                .isEqualTo("cannot open [path]");
        assertThat(HealthReport.withoutPaths("read/write failed on redis://10.0.0.5:6379"))
                .as("slashes that are no paths stay").isEqualTo("read/write failed on redis://10.0.0.5:6379");
    }
}
