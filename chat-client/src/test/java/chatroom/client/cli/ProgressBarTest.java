package chatroom.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void line_showsBarPercentRateAndTimeLeft() {
        String line = ProgressBar.line("upload a.pdf", 25L * 1024 * 1024, 100L * 1024 * 1024, 5_000_000_000L);
        assertThat(line).isEqualTo("upload a.pdf [######..................]  25% 5.0 MB/s ETA 0:15");
    }

    @Test
    void line_beforeAnyTime_hasNoEta_andDoneIsFull() {
        assertThat(ProgressBar.line("x", 0, 10, 0)).endsWith("0% 0 B/s ETA --:--");
        assertThat(ProgressBar.line("x", 10, 10, 1_000_000_000L)).contains("[########################] 100%");
    }

    @Test
    void bytes_areReadable() {
        assertThat(ProgressBar.bytes(512)).isEqualTo("512 B");
        assertThat(ProgressBar.bytes(1536)).isEqualTo("1.5 KB");
        assertThat(ProgressBar.bytes(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GB");
    }
}
