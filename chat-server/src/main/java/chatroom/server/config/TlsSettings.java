package chatroom.server.config;

import java.nio.file.Path;

/**
 * The PEM files of TLS; both null (the default) serves plain TCP. The IRC port follows the chat port.
 *
 * @param certificate the certificate chain, or null
 * @param privateKey its PKCS#8 private key, or null
 */
public record TlsSettings(Path certificate, Path privateKey) {

    public static final TlsSettings NONE = new TlsSettings(null, null);

    public TlsSettings {
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate (--tls-cert) and its key (--tls-key)");
        }
    }

    public boolean enabled() {
        return certificate != null;
    }
}
