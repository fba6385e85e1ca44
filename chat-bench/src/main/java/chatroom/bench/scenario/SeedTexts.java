package chatroom.bench.scenario;

/**
 * The texts a seeded store is made of: a small pool of CJK, Latin and mixed phrases, so that the
 * timed searches ({@code 复习}, {@code 期末复习}, {@code netty}) hit a known share of the store and a
 * query made of none of these words hits nothing. The message number keeps every text distinct.
 */
final class SeedTexts {

    private static final String[] PHRASES = {
            "明天期末复习，图书馆见",
            "the socket closed before the reply came back",
            "netty event loops should never block",
            "周末一起去爬山吗",
            "复习计划：先看第三章",
            "pipelining requests over one connection",
            "服务器 socket 超时了，netty 日志里有",
            "lunch at noon?",
            "期末复习资料已经上传",
            "好的，收到",
    };

    private SeedTexts() {
    }

    /** The text of message number {@code n}. */
    static String text(long n) {
        return PHRASES[(int) (n % PHRASES.length)] + " #" + n;
    }
}
