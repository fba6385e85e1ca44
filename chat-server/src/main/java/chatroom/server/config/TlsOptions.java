package chatroom.server.config;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The command-line options of {@link TlsSettings} (a picocli mixin of the server command). */
public final class TlsOptions {

    @Option(names = "--tls-cert", paramLabel = "FILE", defaultValue = "${env:CHAT_TLS_CERT}",
            description = "PEM certificate chain: the chat port speaks TLS (needs --tls-key) [CHAT_TLS_CERT].")
    Path certificate;

    @Option(names = "--tls-key", paramLabel = "FILE", defaultValue = "${env:CHAT_TLS_KEY}",
            description = "PEM private key (PKCS#8) of --tls-cert [CHAT_TLS_KEY].")
    Path privateKey;

    public TlsSettings toSettings() {
        return new TlsSettings(certificate, privateKey);
    }
}
