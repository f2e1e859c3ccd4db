package org.shardkit.social;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shardkit.cache.spi.ValueCodec;

/**
 * How the read cache stores its values in Redis: as {@link Payload} text (length-prefixed fields,
 * so any name or content round-trips exactly), UTF-8. One instance of each, since a cache namespace
 * is bound to one codec object. Thread-safe (stateless).
 */
final class SocialCodecs {
    private SocialCodecs() {}

    static final ValueCodec<Agent> AGENT = new Text<>("agent") {
        @Override
        String write(Agent a) {
            return Payload.of(
                    a.id(),
                    a.handle(),
                    a.name(),
                    a.personality().code(),
                    Rows.intArray(a.interests().toArray(new Integer[0])),
                    a.bio(),
                    a.status().name(),
                    a.friendCount(),
                    Times.micros(a.createdAt()),
                    Times.micros(a.lastActiveAt()));
        }

        @Override
        Agent read(Payload p) {
            return new Agent(
                    p.nextLong(),
                    p.next(),
                    p.next(),
                    Personality.fromCode(p.next()),
                    ints(p.next()),
                    p.next(),
                    AgentStatus.valueOf(p.next()),
                    Integer.parseInt(p.next()),
                    Times.ofMicros(p.nextLong()),
                    Times.ofMicros(p.nextLong()));
        }
    };

    static final ValueCodec<Integer> COUNT = new Text<>("count") {
        @Override
        String write(Integer count) {
            return Payload.of(count);
        }

        @Override
        Integer read(Payload p) {
            return Integer.valueOf(p.next());
        }
    };

    /** A feed's first items, as {@link FeedReader#items} returned them. */
    static final ValueCodec<List<FeedItem>> FEED = new Text<>("feed") {
        @Override
        String write(List<FeedItem> items) {
            StringBuilder out = new StringBuilder(Payload.of(items.size()));
            for (FeedItem f : items) {
                Interaction i = f.interaction();
                out.append(Payload.of(
                        i.id(),
                        i.initiatorId(),
                        i.recipientId(),
                        i.type().code(),
                        i.content(),
                        Times.micros(i.createdAt()),
                        f.authorName(),
                        f.authorPersonality().code()));
            }
            return out.toString();
        }

        @Override
        List<FeedItem> read(Payload p) {
            int n = Integer.parseInt(p.next());
            List<FeedItem> items = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                Interaction i = new Interaction(
                        p.nextLong(),
                        p.nextLong(),
                        p.nextLong(),
                        InteractionType.valueOf(p.next().toUpperCase(Locale.ROOT)),
                        p.next(),
                        Times.ofMicros(p.nextLong()));
                items.add(new FeedItem(i, p.next(), Personality.fromCode(p.next())));
            }
            return List.copyOf(items);
        }
    };

    private static List<Integer> ints(String literal) {
        String body = literal.substring(1, literal.length() - 1);
        List<Integer> out = new ArrayList<>();
        if (!body.isEmpty()) {
            for (String s : body.split(",", -1)) {
                out.add(Integer.valueOf(s));
            }
        }
        return out;
    }

    /** A codec through a payload's text. */
    private abstract static class Text<V> implements ValueCodec<V> {
        private final String name;

        Text(String name) {
            this.name = name;
        }

        abstract String write(V value);

        abstract V read(Payload p);

        @Override
        public byte[] encode(V value) {
            return write(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public V decode(byte[] bytes) {
            return read(Payload.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "SocialCodecs." + name;
        }
    }
}
