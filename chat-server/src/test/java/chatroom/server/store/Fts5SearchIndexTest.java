package chatroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The index query a search text becomes: its trigrams, each once, quoted. */
class Fts5SearchIndexTest {

    @Test
    void aQuery_becomesEachOfItsTrigrams_byCodePoint() {
        assertThat(Fts5SearchIndex.trigramsOf("期末复习")).isEqualTo("\"期末复\" AND \"末复习\"");
        assertThat(Fts5SearchIndex.trigramsOf("a😀bc")).isEqualTo("\"a😀b\" AND \"😀bc\"");
    }

    @Test
    void aRepeatedTrigram_isAskedForOnce() {
        assertThat(Fts5SearchIndex.trigramsOf("aaaaaa")).isEqualTo("\"aaa\"");
    }

    @Test
    void quotesInTheQuery_areDoubled_soTheyCannotEndTheString() {
        assertThat(Fts5SearchIndex.trigramsOf("a\"b OR")).isEqualTo("\"a\"\"b\" AND \"\"\"b \" AND \"b O\" AND \" OR\"");
    }

    @Test
    void aLongQuery_asksForAtMostMaxTrigrams_spreadOverIt() {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            query.append(String.format("%04d", i));
        }
        String[] terms = Fts5SearchIndex.trigramsOf(query.toString()).split(" AND ");
        assertThat(terms).hasSize(Fts5SearchIndex.MAX_TRIGRAMS).doesNotHaveDuplicates();
        assertThat(terms[0]).isEqualTo("\"000\"");
    }
}
