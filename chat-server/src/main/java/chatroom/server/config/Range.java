package chatroom.server.config;

/** The range check every numeric setting goes through, so a bad value fails at start with its name. */
final class Range {

    private Range() {
    }

    static int check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
        }
        return value;
    }

    /** 0 means one per core; anything else must be 1 to 1024. */
    static int threads(String name, int value) {
        return value == 0 ? Runtime.getRuntime().availableProcessors() : check(name, value, 1, 1024);
    }
}
