package org.shardkit.social;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Opaque keyset cursors: the position after the last item of a page (a time and an id), bound to
 * the list it came from (its kind and owner) and signed with HMAC-SHA256, so that a cursor edited
 * by a client, or one from another agent's list, is refused with an {@link InvalidInputException}
 * instead of reading from the wrong place. Thread-safe.
 */
final class Cursors {
    /** The lists that have cursors; the byte is part of the signed text. */
    enum List {
        SENT(1),
        RECEIVED(2),
        MEMBERS(3),
        COMMUNITIES(4),
        FEED(5),
        FRIENDS_BY_STRENGTH(6),
        FRIENDS_BY_RECENT(7),
        REQUESTS_RECEIVED(8),
        REQUESTS_SENT(9);

        final byte code;

        List(int code) {
            this.code = (byte) code;
        }
    }

    /**
     * A decoded position: the last item's sort key (a time in micros since the epoch, a strength, 0
     * for id-only lists, {@link Long#MIN_VALUE} for "never") and its id.
     */
    record Position(long micros, long id) {}

    private static final int VERSION = 1;
    private static final int BODY = 1 + 1 + 8 + 8 + 8;
    private static final int MAC = 12;
    private static final byte[] DEFAULT_SECRET = "shardkit-social-cursor-v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;

    Cursors(byte[] secret) {
        this.key = new SecretKeySpec(secret.length == 0 ? DEFAULT_SECRET : secret, "HmacSHA256");
    }

    String encode(List list, long owner, long micros, long id) {
        ByteBuffer b = ByteBuffer.allocate(BODY + MAC);
        b.put((byte) VERSION).put(list.code).putLong(owner).putLong(micros).putLong(id);
        b.put(mac(Arrays.copyOf(b.array(), BODY)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    String encode(List list, long owner, Instant time, long id) {
        return encode(list, owner, Times.micros(time), id);
    }

    /**
     * Decodes a cursor of a list; null for the first page.
     *
     * @throws InvalidInputException if the cursor is malformed, tampered with, or of another list
     */
    @Nullable
    Position decode(@Nullable String cursor, List list, long owner) {
        if (cursor == null) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", cursor, "must be a cursor returned by this list");
        }
        if (raw.length != BODY + MAC || raw[0] != VERSION) {
            throw new InvalidInputException("cursor", cursor, "must be a cursor returned by this list");
        }
        byte[] body = Arrays.copyOf(raw, BODY);
        if (!MessageDigest.isEqual(mac(body), Arrays.copyOfRange(raw, BODY, BODY + MAC))) {
            throw new InvalidInputException("cursor", cursor, "was altered or signed by another secret");
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        b.get();
        byte kind = b.get();
        long cursorOwner = b.getLong();
        if (kind != list.code || cursorOwner != owner) {
            throw new InvalidInputException(
                    "cursor",
                    cursor,
                    "belongs to another list than " + list.name().toLowerCase(java.util.Locale.ROOT) + " of " + owner);
        }
        return new Position(b.getLong(), b.getLong());
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(body), MAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
