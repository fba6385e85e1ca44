package chatroom.codec;

/**
 * Limits of the wire format, checked on entry.
 *
 * @param maxFrame     largest JSON body in bytes (the 4 length bytes not counted); larger frames are
 *                     {@code frame_too_large} and close the connection
 * @param maxNesting   deepest nesting of JSON objects and arrays; deeper is {@code bad_request}
 */
public record CodecLimits(int maxFrame, int maxNesting) {
    public static final int DEFAULT_MAX_FRAME = 65536;
    public static final int DEFAULT_MAX_NESTING = 32;
    public static final CodecLimits DEFAULT = new CodecLimits(DEFAULT_MAX_FRAME, DEFAULT_MAX_NESTING);

    public CodecLimits {
        if (maxFrame < 64) {
            throw new IllegalArgumentException("maxFrame must be at least 64 bytes: " + maxFrame);
        }
        if (maxNesting < 2) {
            throw new IllegalArgumentException("maxNesting must be at least 2: " + maxNesting);
        }
    }

    public static CodecLimits ofMaxFrame(int maxFrame) {
        return new CodecLimits(maxFrame, DEFAULT_MAX_NESTING);
    }
}
