package chatroom.codec.message;

import com.fasterxml.jackson.databind.JsonNode;

/** The rules for a request {@code id}: a string or an integer of at most 64 characters. */
public final class RequestIds {
    /** Longest id, in characters (digits for an integer). */
    public static final int MAX_LENGTH = 64;

    private RequestIds() {
    }

    /**
     * The Java value of a JSON id: a {@link String}, a {@link Long} or a {@link java.math.BigInteger};
     * {@code null} when absent or JSON null.
     *
     * @throws IllegalArgumentException when the id is of another kind or too long
     */
    public static Object fromJson(JsonNode id) {
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.isTextual()) {
            String text = id.textValue();
            if (text.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("id is longer than " + MAX_LENGTH + " characters");
            }
            return text;
        }
        if (id.isIntegralNumber()) {
            if (id.canConvertToLong()) {
                return id.longValue();
            }
            if (id.bigIntegerValue().toString().length() > MAX_LENGTH) {
                throw new IllegalArgumentException("id is longer than " + MAX_LENGTH + " characters");
            }
            return id.bigIntegerValue();
        }
        throw new IllegalArgumentException("id must be a string or an integer");
    }
}
