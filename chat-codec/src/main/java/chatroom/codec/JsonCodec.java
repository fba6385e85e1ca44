package chatroom.codec;

import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Message;
import chatroom.codec.message.RequestIds;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns one frame's JSON body into a typed {@link Message} and a message into a JSON body. It is
 * thread-safe and holds no per-connection state, so one instance serves every channel (and the
 * WebSocket transport, which has its own framing).
 *
 * <p>Error reasons are written here, never taken from the parser: a peer learns which field is
 * wrong, not how the server parses (contract §7), and the request id is kept whenever the frame
 * was an object with a readable id.
 */
public final class JsonCodec {

    private final ObjectMapper mapper;
    /** Reads frames into trees; integers beyond 64 bits stay whole, so one never spoils the whole frame. */
    private final ObjectReader treeReader;
    private final ObjectWriter writer;
    private final MessageTypes inbound;
    private final RequestIdScanner idScanner;

    /**
     * @param limits  parser limits (nesting depth, string length)
     * @param inbound the types this side reads: {@link MessageTypes#CLIENT_TO_SERVER} on a server
     */
    public JsonCodec(CodecLimits limits, MessageTypes inbound) {
        this.mapper = ChatJson.newMapper(limits);
        this.treeReader = mapper.reader().without(DeserializationFeature.USE_LONG_FOR_INTS);
        this.writer = mapper.writer();
        this.inbound = inbound;
        this.idScanner = new RequestIdScanner(limits);
    }

    /**
     * Decodes one frame body. Never throws for bad input: the answer is either a {@link Message} or
     * an {@link InvalidMessage} that says what is wrong. The buffer is read but not released.
     */
    public Object decode(ByteBuf body) {
        if (!ByteBufUtil.isText(body, StandardCharsets.UTF_8)) {
            return new InvalidMessage(null, ErrorCode.BAD_REQUEST, "frame is not valid UTF-8");
        }
        JsonNode tree;
        try (InputStream in = new ByteBufInputStream(body.duplicate())) {
            tree = treeReader.readTree(in);
        } catch (StreamConstraintsException e) {
            return tooBig(idScanner.idOf(new ByteBufInputStream(body.duplicate())));
        } catch (JacksonException e) {
            return malformed(e);
        } catch (IOException e) {
            // CharConversionException: Jackson guesses the encoding from the first bytes, and valid
            // UTF-8 such as "\0\0\0{" looks like UCS-4 to it.
            return new InvalidMessage(null, ErrorCode.BAD_REQUEST, "malformed JSON");
        }
        return decode(tree);
    }

    /** Decodes one JSON text (a WebSocket text frame); same rules as {@link #decode(ByteBuf)}. */
    public Object decode(String json) {
        JsonNode tree;
        try {
            tree = treeReader.readTree(json);
        } catch (StreamConstraintsException e) {
            return tooBig(idScanner.idOf(json));
        } catch (JacksonException e) {
            return malformed(e);
        }
        return decode(tree);
    }

    private Object decode(JsonNode tree) {
        if (tree == null || tree.isMissingNode() || !tree.isObject()) {
            return new InvalidMessage(null, ErrorCode.BAD_REQUEST, "a message must be a JSON object");
        }
        Object id;
        try {
            id = RequestIds.fromJson(tree.get("id"));
        } catch (IllegalArgumentException e) {
            return new InvalidMessage(null, ErrorCode.BAD_REQUEST, e.getMessage());
        }
        JsonNode type = tree.get("type");
        if (type == null || !type.isTextual()) {
            return new InvalidMessage(id, ErrorCode.BAD_REQUEST, "a message needs a string field 'type'");
        }
        Class<? extends Message> messageClass = inbound.classOf(type.textValue());
        if (messageClass == null) {
            return new InvalidMessage(id, ErrorCode.UNKNOWN_TYPE, "unknown type '" + clip(type.textValue()) + "'");
        }
        try {
            return mapper.treeToValue(tree, messageClass);
        } catch (JacksonException | IllegalArgumentException e) {
            String field = fieldOf(e);
            return new InvalidMessage(id, ErrorCode.BAD_REQUEST, field == null
                    ? "invalid " + clip(type.textValue()) + " request"
                    : "field '" + clip(field) + "' has the wrong type or an impossible value");
        }
    }

    /** A limit broken somewhere in the frame; the id, found by a second, tokenizing pass, is still echoed. */
    private static InvalidMessage tooBig(Object id) {
        return new InvalidMessage(id, ErrorCode.BAD_REQUEST,
                "JSON exceeds a limit: nesting too deep, or a string or number too long");
    }

    private static InvalidMessage malformed(JacksonException e) {
        JsonLocation at = e.getLocation();
        return new InvalidMessage(null, ErrorCode.BAD_REQUEST, at == null || at.getLineNr() < 1 ? "malformed JSON"
                : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }

    /** The top-level field a conversion failed on, or null when that is not known. */
    private static String fieldOf(Exception e) {
        if (e instanceof JsonMappingException bound && !bound.getPath().isEmpty()) {
            return bound.getPath().get(0).getFieldName();
        }
        if (e instanceof InputCoercionException coercion && coercion.getProcessor() != null) {
            try {
                return coercion.getProcessor().currentName();
            } catch (IOException | RuntimeException unknown) {
                return null;
            }
        }
        return null;
    }

    /**
     * Encodes a message into a new buffer holding its JSON body (no length prefix). The caller owns
     * the buffer; a broadcast writes {@code retainedDuplicate()}s of it to many channels.
     */
    public ByteBuf encode(Message message, ByteBufAllocator alloc) {
        return encode(message, alloc, false);
    }

    /**
     * Encodes a message into a new buffer holding one whole frame: the 4-byte big-endian length,
     * then the JSON body. One buffer rather than a header and a body: one allocation and one
     * outbound entry per message.
     */
    public ByteBuf encodeFrame(Message message, ByteBufAllocator alloc) {
        return encode(message, alloc, true);
    }

    private ByteBuf encode(Message message, ByteBufAllocator alloc, boolean framed) {
        ByteBuf buf = alloc.buffer(128);
        boolean done = false;
        try (OutputStream out = new ByteBufOutputStream(buf)) {
            if (framed) {
                buf.writeInt(0); // the length, set once the body is written
            }
            writer.writeValue(out, message);
            if (framed) {
                buf.setInt(0, buf.readableBytes() - FrameDecoder.LENGTH_FIELD_LENGTH);
            }
            done = true;
            return buf;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + message.type(), e);
        } finally {
            if (!done) {
                buf.release();
            }
        }
    }

    /** Encodes a message as a JSON string (a WebSocket text frame, logs, tests). */
    public String encodeToString(Message message) {
        try {
            return writer.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + message.type(), e);
        }
    }

    /** The configured mapper, for converting decoded trees into result records. */
    public ObjectMapper mapper() {
        return mapper;
    }

    private static String clip(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
