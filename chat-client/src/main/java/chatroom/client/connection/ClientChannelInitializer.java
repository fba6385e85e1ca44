package chatroom.client.connection;

import chatroom.client.ClientOptions;
import chatroom.codec.CodecLimits;
import chatroom.codec.FrameDecoder;
import chatroom.codec.FrameEncoder;
import chatroom.codec.JsonCodec;
import chatroom.codec.MessageDecoder;
import chatroom.codec.MessageEncoder;
import chatroom.codec.MessageTypes;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Builds the pipeline of every socket the client opens, in wire order (Lettuce's
 * {@code RedisChannelInitializer}). The heartbeat handlers join later, before the watchdog, once
 * {@code welcome} says the server's heartbeat ({@link HeartbeatHandler#install}).
 */
final class ClientChannelInitializer extends ChannelInitializer<Channel> {

    private final ClientOptions options;
    private final SslContext tls;
    private final MessageDecoder decoder;
    private final MessageEncoder encoder;
    private final ReconnectWatchdog watchdog;
    private final Supplier<ClientInboundHandler> inbound;

    /**
     * @param inbound a new inbound handler per socket
     * @throws IllegalArgumentException when TLS is on and its trust file cannot be used
     */
    ClientChannelInitializer(ClientOptions options, ReconnectWatchdog watchdog, Supplier<ClientInboundHandler> inbound) {
        this.options = options;
        this.tls = tlsContext(options);
        JsonCodec codec = new JsonCodec(CodecLimits.ofMaxFrame(options.maxFrame()), MessageTypes.SERVER_TO_CLIENT);
        this.decoder = new MessageDecoder(codec);
        this.encoder = new MessageEncoder(codec);
        this.watchdog = watchdog;
        this.inbound = inbound;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline pipeline = ch.pipeline();
        if (tls != null) {
            // verifies the certificate and that it names the host we asked for
            pipeline.addLast(ClientHandlerNames.TLS, tls.newHandler(ch.alloc(), options.host(), options.port()));
        }
        pipeline.addLast(ClientHandlerNames.FRAME_DECODER, new FrameDecoder(options.maxFrame()))
                .addLast(ClientHandlerNames.FRAME_ENCODER, FrameEncoder.INSTANCE)
                .addLast(ClientHandlerNames.MESSAGE_DECODER, decoder)
                .addLast(ClientHandlerNames.MESSAGE_ENCODER, encoder)
                // passes the socket's end on to the inbound handler first, then asks for a reconnect
                .addLast(ClientHandlerNames.WATCHDOG, watchdog)
                .addLast(ClientHandlerNames.INBOUND, inbound.get());
    }

    /** The TLS context, verifying the server's certificate and host name; null without TLS. */
    private static SslContext tlsContext(ClientOptions options) {
        if (!options.tls()) {
            return null;
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
            if (options.tlsTrust() != null) {
                builder.trustManager(options.tlsTrust().toFile());
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use the TLS trust file " + options.tlsTrust() + ": "
                    + e.getMessage(), e);
        }
    }
}
