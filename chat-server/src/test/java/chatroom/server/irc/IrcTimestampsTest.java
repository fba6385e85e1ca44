package chatroom.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a connection remembers of the messages it was shown (for read markers as timestamps):
 * the latest 512 per conversation, of the 64 conversations shown most recently, so a client that
 * is shown many direct conversations cannot make the gateway hold an ever larger map.
 */
class IrcTimestampsTest {

    private final IrcConnection irc = new IrcConnection(null);

    @Test
    void theLatest512MessagesOfAConversation_areRemembered_olderOnesForgotten() {
        for (long seq = 1; seq <= 600; seq++) {
            irc.remember("#lobby", seq, 1000 + seq);
        }
        assertThat(irc.timestampOf("#lobby", 600)).isEqualTo(1600L);
        assertThat(irc.timestampOf("#lobby", 89)).isEqualTo(1089L);
        assertThat(irc.timestampOf("#lobby", 88)).isNull();
        assertThat(irc.timestampOf("#lobby", 601)).isNull();
        assertThat(irc.timestampOf("#other", 600)).isNull();
    }

    @Test
    void only64Conversations_areRemembered_theOneShownLeastRecentlyForgottenFirst() {
        irc.remember("#first", 1, 11);
        irc.remember("#second", 1, 21);
        for (int i = 0; i < 62; i++) {
            irc.remember("user" + i, 1, 100 + i);
        }
        irc.remember("#first", 2, 12); // shown again: now the most recent
        irc.remember("晓明", 1, 31);     // the 65th conversation

        assertThat(irc.timestampOf("#second", 1)).as("least recently shown: forgotten").isNull();
        assertThat(irc.timestampOf("#first", 1)).isEqualTo(11L);
        assertThat(irc.timestampOf("#first", 2)).isEqualTo(12L);
        assertThat(irc.timestampOf("晓明", 1)).isEqualTo(31L);
        assertThat(irc.timestampOf("user0", 1)).isEqualTo(100L);
    }
}
