package org.shardkit.routing;

/** Argument checks that throw {@link IllegalArgumentException} naming the argument and its value. */
final class Checks {

    private Checks() {}

    static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
        return value;
    }

    static int nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, but was " + value);
        }
        return value;
    }

    static int[] range(int shardCount) {
        int[] ids = new int[shardCount];
        for (int i = 0; i < shardCount; i++) {
            ids[i] = i;
        }
        return ids;
    }
}
