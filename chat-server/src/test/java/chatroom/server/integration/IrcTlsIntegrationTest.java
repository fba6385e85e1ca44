package chatroom.server.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chatroom.server.irc.IrcConfig;
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

    @Test
    void plainTextClient_onTheTlsPort_neverGetsAWelcome() throws Exception {
        try (IrcClient client = new IrcClient(fixture.server().ircPort())) {
            client.send("PASS tlsirc:password-tlsirc");
            client.send("NICK tlsirc");
            client.send("USER t 0 * :T");
            client.awaitClosed();
            assertThat(client.drain(java.time.Duration.ZERO)).noneMatch(l -> l.contains(" 001 "));
        }
    }
}
