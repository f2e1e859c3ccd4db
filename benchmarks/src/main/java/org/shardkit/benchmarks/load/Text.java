package org.shardkit.benchmarks.load;

import java.util.SplittableRandom;

/** Random ASCII payloads of a given length: interaction contents and bios. */
final class Text {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz     ";

    private Text() {}

    /** Returns {@code length} random letters and spaces, never blank. */
    static String of(SplittableRandom random, int length) {
        StringBuilder sb = new StringBuilder(length);
        sb.append('m');
        for (int i = 1; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
