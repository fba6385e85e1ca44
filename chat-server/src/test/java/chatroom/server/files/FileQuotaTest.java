package chatroom.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FileQuotaTest {

    private static final long DISK = 1_000_000;
    private final FileQuota quota = new FileQuota(new FileQuotas(100, 250, 10));

    @Test
    void reservationsInProgress_countAgainstTheUsersQuota_untilReleased() {
        FileQuota.Reservation first = quota.reserve(quota.ticket(), "alice", 60, 0, 0, DISK);

        assertThatThrownBy(() -> quota.reserve(quota.ticket(), "alice", 60, 0, 0, DISK))
                .isInstanceOf(QuotaExceededException.class).hasMessageContaining("quota");
        first.release();
        first.release(); // ending twice frees once
        assertThat(quota.reserve(quota.ticket(), "alice", 100, 0, 0, DISK)).isNotNull();
        assertThat(quota.reserve(quota.ticket(), "bob", 100, 0, 0, DISK)).isNotNull();
        assertThatThrownBy(() -> quota.reserve(quota.ticket(), "carol", 51, 0, 0, DISK))
                .as("the server's total counts the reservations").hasMessageContaining("space for files");
    }

    @Test
    void anUploadStoredWhileADecisionReadsTheStore_stillCounts() {
        FileQuota.Reservation upload = quota.reserve(quota.ticket(), "alice", 80, 0, 0, DISK);
        FileQuota.Ticket reading = quota.ticket(); // reads 0 stored bytes: the upload is not committed yet
        upload.stored(); // committed and no longer reserved, but the figure being read misses it

        assertThatThrownBy(() -> quota.reserve(reading, "alice", 30, 0, 0, DISK))
                .isInstanceOf(QuotaExceededException.class);
        // once no decision is reading, what is stored is counted through the store alone
        assertThat(quota.reserve(quota.ticket(), "alice", 20, 80, 80, DISK)).isNotNull();
    }

    @Test
    void anUploadThatWouldLeaveLessThanTheDiskReserve_isRefused() {
        assertThatThrownBy(() -> quota.reserve(quota.ticket(), "alice", 50, 0, 0, 55))
                .isInstanceOf(QuotaExceededException.class).hasMessageContaining("disk");
        assertThat(quota.reserve(quota.ticket(), "alice", 45, 0, 0, 55)).isNotNull();
    }
}
