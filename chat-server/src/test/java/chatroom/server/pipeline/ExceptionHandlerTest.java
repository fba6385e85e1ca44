package chatroom.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ExceptionHandlerTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ExceptionHandler.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level level;

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
        logger.setLevel(level);
    }

    @Test
    void plainTextOnATlsPort_closes_withoutLoggingTheRefusedBytes() {
        EmbeddedChannel channel = new EmbeddedChannel(ExceptionHandler.INSTANCE);
        String refused = "50415353206a6f653a7365637265740d0a"; // "PASS joe:secret\r\n", as Netty words it
        channel.pipeline().fireExceptionCaught(
                new DecoderException(new NotSslRecordException("not an SSL/TLS record: " + refused)));
        assertFalse(channel.isOpen());
        assertThat(logged.list).hasSize(1);
        ILoggingEvent event = logged.list.get(0);
        assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
        assertThat(event.getFormattedMessage()).contains("plain text on a TLS port").doesNotContain(refused);
        assertThat(event.getThrowableProxy()).isNull();
        assertFalse(channel.finish());
    }

    /** A client that does not trust the certificate (or speaks broken TLS) is the peer's business, not a server error. */
    @Test
    void failedTlsHandshake_closes_withOneDebugLineAndNoStack() {
        EmbeddedChannel channel = new EmbeddedChannel(ExceptionHandler.INSTANCE);
        channel.pipeline().fireExceptionCaught(new DecoderException(
                new javax.net.ssl.SSLHandshakeException("Received fatal alert: certificate_unknown")));
        assertFalse(channel.isOpen());
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getFormattedMessage()).contains("TLS handshake failed", "certificate_unknown");
            assertThat(event.getThrowableProxy()).isNull();
        });
        assertFalse(channel.finish());
    }

    @Test
    void unexpectedError_isLoggedOnceAsAWarning_andCloses() {
        EmbeddedChannel channel = new EmbeddedChannel(ExceptionHandler.INSTANCE);
        channel.pipeline().fireExceptionCaught(new IllegalStateException("bug"));
        assertFalse(channel.isOpen());
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("bug");
        });
        assertFalse(channel.finish());
    }
}
