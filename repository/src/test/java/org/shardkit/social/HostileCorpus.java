package org.shardkit.social;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The hostile text of {@link HostileInputIT}: quoting and escaping, a character from every Unicode
 * plane in use, bidirectional controls, combining sequences, text that looks like SQL, strings at and
 * past the documented limits up to 1 MiB, and what PostgreSQL cannot store (U+0000, a lone
 * surrogate); and the documented rule each text field applies to it (docs/social.md, "Validation and
 * limits"), as the oracle the test compares the API with.
 */
final class HostileCorpus {
    /** One text of the corpus, with a label for messages. */
    record Sample(String label, String text) {
        /** A short, printable form for assertion messages (the text may be 1 MiB). */
        String shown() {
            return label + " (" + text.length() + " chars)";
        }

        /** What the statement log is searched for: the text, or its head for long texts. */
        String needle() {
            int end = text.offsetByCodePoints(0, Math.min(64, text.codePointCount(0, text.length())));
            return text.substring(0, end);
        }
    }

    /** The three text rules of the API. */
    enum Field {
        /** Agent and community names: not blank, at most {@code maxNameLength} code points. */
        NAME,
        /** Bios and community descriptions: at most {@code maxBioLength} code points, may be empty. */
        BIO,
        /** Interaction content: not empty, at most {@code maxContentBytes} UTF-8 bytes. */
        CONTENT
    }

    static final int MIB = 1 << 20;

    private HostileCorpus() {}

    static String cp(int... codePoints) {
        return new String(codePoints, 0, codePoints.length);
    }

    /** Returns the corpus of free text; every sample is at least 4 characters, so a statement log can be searched for it. */
    static List<Sample> texts() {
        List<Sample> s = new ArrayList<>();
        s.add(new Sample("quotes", "it's \"quoted\" \u2018curly\u2019 \u201cdouble\u201d `back` ''doubled''"));
        s.add(new Sample("sql injection", "'); DROP TABLE agent; --"));
        s.add(new Sample("sql tautology", "' OR '1'='1' -- and \" OR \"\"=\""));
        s.add(new Sample("dollar quoting", "$$ body $$ $tag$inner$tag$ $1 $2"));
        s.add(new Sample("escape string", "E'\\x00' E'\\\\x00' E'\\047' U&'\\0000'"));
        s.add(new Sample("backslashes", "back\\slash \\\\ \\' \\\" \\n \\0 trailing\\"));
        s.add(new Sample("like wildcards", "100% _under_ %_% \\% [a-z]*"));
        s.add(new Sample("stacked statements", "x; SELECT pg_sleep(10); /* comment */ -- tail"));
        s.add(new Sample(
                "psql and format meta", "\\copy agent TO '/tmp/x' \\gexec :'v' :v %s %n {} ${jndi:ldap://x/a} #{1+1}"));
        s.add(new Sample("BMP scripts", "日本語 한국어 Ελληνικά кириллица العربية עברית ไทย"));
        s.add(new Sample(
                "SMP emoji",
                cp(
                        0x1F600, ' ', 0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467, ' ', 0x1F1EF, 0x1F1F5, ' ', 0x1F44D,
                        0x1F3FD)));
        s.add(new Sample(
                "SMP letters and scripts", cp(0x1D400, 0x1D401, ' ', 0x10400, 0x10428, ' ', 0x13000, ' ', 0x10330)));
        s.add(new Sample("SIP CJK extension B", cp(0x20000, 0x20001, 0x2A6D6, ' ', 0x2F800)));
        s.add(new Sample("TIP CJK extension G", cp(0x30000, ' ', 0x3134A))); // with a space: not a handle
        s.add(new Sample(
                "SSP tags",
                cp(0xE0001, 0xE0041, 0xE007F, ' ', 0x1F3F4, 0xE0067, 0xE0062, 0xE0065, 0xE006E, 0xE0067, 0xE007F)));
        s.add(new Sample("PUA-A plane 15", cp(0xF0000, 0xF0001, 0xFFFFD)));
        s.add(new Sample("PUA-B plane 16", cp(0x100000, 0x100001, 0x10FFFD)));
        s.add(new Sample("BMP private use and noncharacters", cp(0xE000, 0xF8FF, 0xFDD0, 0xFFFE, 0xFFFF, 0x10FFFF)));
        s.add(new Sample(
                "right-to-left marks and overrides",
                "abc \u200F\u202Bמימין\u202C \u202Eexe.txt\u202C \u2066iso\u2069 \u061C\u200E end"));
        s.add(new Sample(
                "combining sequences",
                "e\u0301 vs \u00e9, A\u030A vs \u00c5, x\u0301\u0302\u0303\u0304 Z\u0351\u0352\u0353"));
        s.add(new Sample("zero width and BOM", "\uFEFF\u200B\u200C\u200D word\u2060"));
        s.add(new Sample("control characters", "\u0001\u0007\u001B[31mred\u001B[0m \u007F \u0085 \t\r\n\u000B\u000C"));
        s.add(new Sample("line and paragraph separators", "a\u2028b\u2029c\r\nd\n"));
        s.add(new Sample("only unusual spaces", "\u00A0\u2003\u3000"));
        s.add(new Sample("NUL inside", "nul\u0000byte"));
        s.add(new Sample("NUL at the end", "trailing nul\u0000"));
        s.add(new Sample("lone high surrogate", "bad \uD800 half"));
        s.add(new Sample("lone low surrogate", "\uDC00 bad"));
        s.add(new Sample("200 supplementary code points", repeat(cp(0x20000), 200)));
        s.add(new Sample("201 supplementary code points", repeat(cp(0x20000), 201)));
        s.add(new Sample("4096 code points", repeat("\u00e9", 4096)));
        s.add(new Sample("4097 code points", repeat("\u00e9", 4097)));
        s.add(new Sample("65536 UTF-8 bytes", repeat("'; --", 65536 / 5) + "x"));
        s.add(new Sample("65537 UTF-8 bytes", repeat("'; --", 65536 / 5) + "xy"));
        s.add(new Sample("1 MiB of ASCII SQL", sized("'); DROP TABLE agent; -- \\% _ $$ ", MIB)));
        s.add(new Sample(
                "1 MiB of every plane",
                sized(cp(0x1F600, 0x20000, 0x30000, 0xE0041, 0xF0000, 0x100000, 0x10FFFD, 0x1D400), MIB)));
        s.add(new Sample("1 MiB with a NUL at the end", sized("abc", MIB - 1) + "\u0000"));
        return List.copyOf(s);
    }

    /** Handles the pattern accepts, each with the form it is stored in (NFC, lower case). */
    static List<String[]> acceptedHandles() {
        return List.of(
                new String[] {"Ada_Lovelace.1-x", "ada_lovelace.1-x"},
                new String[] {"\u00c9COLE", "\u00e9cole"},
                new String[] {cp(0x10400, 0x10401), cp(0x10428, 0x10429)}, // Deseret: SMP upper → lower
                new String[] {cp(0x1D400, 0x1D401), cp(0x1D400, 0x1D401)}, // math letters have no case
                new String[] {cp(0x20000, 0x20001, 0x2A6D6), cp(0x20000, 0x20001, 0x2A6D6)},
                new String[] {cp(0x30000, 0x3134A), cp(0x30000, 0x3134A)},
                new String[] {"שלום_1", "שלום_1"},
                new String[] {"مرحبا.٣", "مرحبا.٣"},
                new String[] {repeat(cp(0x20000), 64), repeat(cp(0x20000), 64)});
    }

    /** Handles the pattern refuses, beyond every free text of {@link #texts()}. */
    static List<String> refusedHandles() {
        return List.of(
                "",
                "a b",
                "x\u0301",
                "नमस्ते",
                "smile" + cp(0x1F600),
                "tag" + cp(0xE0041),
                "pua" + cp(0xF0000),
                "rtl\u200F",
                "nul\u0000",
                "h'--",
                "50%",
                "_%",
                repeat(cp(0x20000), 65),
                repeat("a", 65));
    }

    /**
     * The documented refusal of a text by a field: the start of the message ({@code field rule}), or
     * null when the field must store it.
     */
    static @Nullable String refusal(Field field, String name, String text, SocialSettings settings) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return name + " must not contain U+0000 (PostgreSQL text cannot store it; at index " + i + ")";
            }
            boolean lone = Character.isHighSurrogate(c)
                            && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
            if (lone) {
                return name + " must be well-formed UTF-16 (a lone surrogate at index " + i + " has no UTF-8 form)";
            }
        }
        int codePoints = text.codePointCount(0, text.length());
        switch (field) {
            case NAME:
                if (text.isBlank()) {
                    return name + " must not be blank";
                }
                return codePoints > settings.maxNameLength()
                        ? name + " must be at most " + settings.maxNameLength() + " characters (is " + codePoints + ")"
                        : null;
            case BIO:
                return codePoints > settings.maxBioLength()
                        ? name + " must be at most " + settings.maxBioLength() + " characters (is " + codePoints + ")"
                        : null;
            default:
                if (text.isEmpty()) {
                    return name + " must not be empty";
                }
                int bytes = text.getBytes(StandardCharsets.UTF_8).length;
                return bytes > settings.maxContentBytes()
                        ? name + " must be at most " + settings.maxContentBytes() + " UTF-8 bytes (is " + bytes + ")"
                        : null;
        }
    }

    static String repeat(String unit, int times) {
        return unit.repeat(times);
    }

    /** Repeats a unit up to exactly {@code bytes} UTF-8 bytes (the unit's characters cut at a code point). */
    static String sized(String unit, int bytes) {
        StringBuilder b = new StringBuilder();
        int size = 0;
        int i = 0;
        while (true) {
            int c = unit.codePointAt(i);
            int n = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (size + n > bytes) {
                break;
            }
            b.appendCodePoint(c);
            size += n;
            i = (i + Character.charCount(c)) % unit.length();
        }
        while (size < bytes) {
            b.append('x');
            size++;
        }
        return b.toString();
    }
}
