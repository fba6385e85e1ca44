package chatroom.server.irc;

import chatroom.server.testing.IrcClient;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * §11 TLS on the IRC port: it uses the chat port's {@code --tls-cert}/{@code --tls-key}; a client
 * that trusts the (self-signed, made in the test) certificate registers with SASL PLAIN and talks
 * with a JSON session; one that does not trust it gets no connection.
 */
class IrcTlsIntegrationTest {

    @TempDir
    static Path dataDir;
    static X509Bundle certificate;
    static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        certificate = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .addSanIpAddress("127.0.0.1").setIsCertificateAuthority(true)
                .algorithm(CertificateBuilder.Algorithm.ecp256).buildSelfSigned();
        Path cert = certificate.toTempCertChainPem().toPath();
        Path key = certificate.toTempPrivateKeyPem().toPath();
        fixture = new ServerFixture(dataDir, b -> b.tls(cert, key).irc(new IrcConfig(0, "")));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void trustingClient_registersWithSasl_andChatsWithAJsonSession() throws Exception {
        WireClient json = WireClient.connectTls(fixture.server().port(), certificate.toTrustManagerFactory());
        json.signUp("明");
        json.ok("join", "room", "加密");
        WireClient other = WireClient.connectTls(fixture.server().port(), certificate.toTrustManagerFactory());
        other.signUp("tlsirc");
        other.close();
        try (IrcClient client = IrcClient.tls(fixture.server().ircPort(), certificate.toTrustManagerFactory())
                .saslLogin("tlsirc", "password-tlsirc", "server-time")) {
            client.send("JOIN #加密");
            client.awaitCommand("366", "#加密");
            client.send("PRIVMSG #加密 :安全 over TLS");
            ObjectNode got = json.event(e -> "message".equals(e.path("type").asText())
                    && "tlsirc".equals(e.path("from").asText()));
            assertThat(got.path("text").asText()).isEqualTo("安全 over TLS");
            json.ok("send", "room", "加密", "text", "收到");
            assertThat(client.awaitCommand("PRIVMSG", "收到")).startsWith("@time=").contains(":明!");
        } finally {
            json.close();
        }
    }

    @Test
    void clientNotTrustingTheCertificate_cannotConnect() throws Exception {
        X509Bundle stranger = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .setIsCertificateAuthority(true).algorithm(CertificateBuilder.Algorithm.ecp256).buildSelfSigned();
        assertThatThrownBy(() -> IrcClient.tls(fixture.server().ircPort(), stranger.toTrustManagerFactory()))
                .isInstanceOf(SSLException.class);
    }

    /**
     * The refused bytes are the client's first line, for IRC usually {@code PASS account:password}:
     * they must not reach the log (Netty's NotSslRecordException carries them in hex).
     */
    @Test
    void plainTextClient_onTheTlsPort_neverGetsAWelcome_andItsPasswordIsNotLogged() throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        root.addAppender(logged);
        String secret = "plain-secret-密码";
        try (IrcClient client = new IrcClient(fixture.server().ircPort())) {
            client.send("PASS tlsirc:" + secret);
            client.send("NICK tlsirc");
            client.send("USER t 0 * :T");
            client.awaitClosed();
            assertThat(client.drain(java.time.Duration.ZERO)).noneMatch(l -> l.contains(" 001 "));
        } finally {
            root.detachAppender(logged);
        }
        String hex = java.util.HexFormat.of().formatHex(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(logged.list).noneMatch(event -> everything(event).contains(hex)
                || everything(event).contains(secret));
    }

    /** A log event's message and its exceptions' messages, as a log file would hold them. */
    private static String everything(ch.qos.logback.classic.spi.ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (ch.qos.logback.classic.spi.IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return text.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
