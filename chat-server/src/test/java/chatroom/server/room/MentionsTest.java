package chatroom.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.store.Names;
import org.junit.jupiter.api.Test;

class MentionsTest {

    private static Room roomWith(String... members) {
        Room room = new Room("r", members[0], "", false, 0);
        for (String member : members) {
            room.addMember(Names.key(member), member);
        }
        return room;
    }

    @Test
    void aMemberNameAfterAt_upToANonNameCharacter_isAMention_ignoringCase() {
        Room room = roomWith("Alice", "小红", "bob.smith");
        assertThat(Mentions.in("@alice, @小红 and @bob.smith!", room)).containsExactly("Alice", "小红", "bob.smith");
        assertThat(Mentions.in("@小红@alice", room)).containsExactly("小红", "Alice");
        assertThat(Mentions.in("@ALICE @alice", room)).as("each once").containsExactly("Alice");
    }

    @Test
    void aLongerNameOrANonMember_mentionsNobody() {
        Room room = roomWith("alice", "小红");
        assertThat(Mentions.in("@alicex @小红们 @carol @ @", room)).isEmpty();
        assertThat(Mentions.in("no at sign", room)).isEmpty();
    }
}
