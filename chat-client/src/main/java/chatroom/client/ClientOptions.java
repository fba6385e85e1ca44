package chatroom.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a {@link ChatClient}, with a builder whose defaults suit an interactive
 * client on a LAN or the internet.
 */
public final class ClientOptions {

    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 8888;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Requests kept while disconnected, to be sent after the reconnect; beyond it they fail. */
    public static final int DEFAULT_MAX_QUEUED_REQUESTS = 1000;
    /** Largest frame this client accepts before the server's welcome says otherwise. */
    public static final int DEFAULT_MAX_FRAME = 65536;
    /** Times a login or register answered {@code busy} (or {@code rate_limited} with a retry time) is retried. */
    public static final int DEFAULT_LOGIN_RETRIES = 5;

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final ReconnectPolicy reconnect;
    private final boolean queueWhileDisconnected;
    private final int maxQueuedRequests;
    private final int maxFrame;
    private final int loginRetries;
    private final boolean tls;
    private final java.nio.file.Path tlsTrust;

    private ClientOptions(Builder b) {
        this.host = Objects.requireNonNull(b.host, "host");
        this.port = b.port;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.reconnect = b.reconnect;
        this.queueWhileDisconnected = b.queueWhileDisconnected;
        this.maxQueuedRequests = b.maxQueuedRequests;
        this.maxFrame = b.maxFrame;
        this.loginRetries = b.loginRetries;
        if (loginRetries < 0) {
            throw new IllegalArgumentException("loginRetries must not be negative: " + loginRetries);
        }
        this.tls = b.tls;
        this.tlsTrust = b.tlsTrust;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535: " + port);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public ReconnectPolicy reconnect() {
        return reconnect;
    }

    /** Whether requests made while disconnected wait for the reconnect (else they fail at once). */
    public boolean queueWhileDisconnected() {
        return queueWhileDisconnected;
    }

    public int maxQueuedRequests() {
        return maxQueuedRequests;
    }

    public int maxFrame() {
        return maxFrame;
    }

    /**
     * How often a {@code login} or {@code register} the server answered {@code busy}, or
     * {@code rate_limited} with {@code retry_after_ms}, is sent again after the time it gave.
     */
    public int loginRetries() {
        return loginRetries;
    }

    /** Whether to speak TLS; the server's certificate and host name are always verified. */
    public boolean tls() {
        return tls;
    }

    /** PEM certificates to trust (a self-signed server), or null for the JVM's trusted authorities. */
    public java.nio.file.Path tlsTrust() {
        return tlsTrust;
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;
        private boolean queueWhileDisconnected = true;
        private int maxQueuedRequests = DEFAULT_MAX_QUEUED_REQUESTS;
        private int maxFrame = DEFAULT_MAX_FRAME;
        private int loginRetries = DEFAULT_LOGIN_RETRIES;
        private boolean tls;
        private java.nio.file.Path tlsTrust;

        private Builder() {
        }

        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** Trusts the PEM certificates in this file instead of the JVM's authorities (implies TLS). */
        public Builder tlsTrust(java.nio.file.Path trustedCertificatesPem) {
            this.tlsTrust = trustedCertificatesPem;
            this.tls = trustedCertificatesPem != null || tls;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder reconnect(ReconnectPolicy reconnect) {
            this.reconnect = reconnect;
            return this;
        }

        public Builder queueWhileDisconnected(boolean queue) {
            this.queueWhileDisconnected = queue;
            return this;
        }

        public Builder maxQueuedRequests(int maxQueuedRequests) {
            this.maxQueuedRequests = maxQueuedRequests;
            return this;
        }

        public Builder maxFrame(int maxFrame) {
            this.maxFrame = maxFrame;
            return this;
        }

        /** Retries of a login or register the server asked to retry later; 0 turns retrying off. */
        public Builder loginRetries(int loginRetries) {
            this.loginRetries = loginRetries;
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(this);
        }
    }
}
