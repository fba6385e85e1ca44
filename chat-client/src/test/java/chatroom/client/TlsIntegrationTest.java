package chatroom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS on the chat port, with a certificate made in the test; the client verifies certificate and name. */
class TlsIntegrationTest {

    @TempDir
    Path dataDir;
    private ChatServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private static X509Bundle certificateFor(String dnsName, String ip) throws Exception {
        CertificateBuilder builder = new CertificateBuilder().subject("CN=" + dnsName).addSanDnsName(dnsName)
                .setIsCertificateAuthority(true).algorithm(CertificateBuilder.Algorithm.ecp256);
        if (ip != null) {
            builder.addSanIpAddress(ip);
        }
        return builder.buildSelfSigned();
    }

    private void startTlsServer(X509Bundle certificate) throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).registrationsPerMinute(1000)
                .tls(certificate.toTempCertChainPem().toPath(), certificate.toTempPrivateKeyPem().toPath()).build());
    }

    private ChatClient client(ClientOptions.Builder options) {
        return ChatClient.create(options.host("127.0.0.1").port(server.port()).connectTimeout(Duration.ofSeconds(3))
                .reconnect(ReconnectPolicy.NEVER).build());
    }

    @Test
    void clientTrustingTheCertificate_chatsOverTls() throws Exception {
        X509Bundle certificate = certificateFor("localhost", "127.0.0.1");
        startTlsServer(certificate);
        try (ChatClient client = client(ClientOptions.builder().tlsTrust(certificate.toTempRootCertPem().toPath()))) {
            BlockingChatClient chat = client.blocking();
            chat.connect();
            chat.register("secure", "password1");
            chat.login("secure", "password1");
            chat.join("vault");
            assertThat(chat.send("vault", "加密的 hello").seq()).isEqualTo(1);
            assertThat(chat.history("vault", null, null, 5).messages().get(0).text()).isEqualTo("加密的 hello");
        }
    }

    @Test
    void certificateNotTrusted_isRefused() throws Exception {
        startTlsServer(certificateFor("localhost", "127.0.0.1"));
        try (ChatClient client = client(ClientOptions.builder().tls(true))) {
            assertThatThrownBy(() -> client.connect().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ChatException.class);
        }
    }

    @Test
    void certificateForAnotherName_isRefused() throws Exception {
        X509Bundle elsewhere = certificateFor("chat.example.org", null);
        startTlsServer(elsewhere);
        try (ChatClient client = client(ClientOptions.builder().tlsTrust(elsewhere.toTempRootCertPem().toPath()))) {
            assertThatThrownBy(() -> client.connect().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ChatException.class);
        }
    }

    @Test
    void plainClient_onATlsPort_getsNoWelcome() throws Exception {
        startTlsServer(certificateFor("localhost", "127.0.0.1"));
        try (ChatClient client = client(ClientOptions.builder())) {
            assertThatThrownBy(() -> client.connect().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ChatException.class);
        }
    }
}
