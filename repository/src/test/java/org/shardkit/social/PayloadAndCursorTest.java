package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The outbox payload round-trips any text; cursors refuse what they did not sign for their list. */
class PayloadAndCursorTest {
    @Test
    void a_payload_round_trips_text_with_separators_digits_and_every_plane() {
        String hostile = "3:x-:'; DROP TABLE agent; --\\\u00e9\ud83d\ude00\u2028\t\r\n12:";
        Payload p = Payload.parse(Payload.of(42L, hostile, null, "", -7L));
        assertThat(p.nextLong()).isEqualTo(42L);
        assertThat(p.next()).isEqualTo(hostile);
        assertThat(p.nextOrNull()).isNull();
        assertThat(p.next()).isEmpty();
        assertThat(p.nextLong()).isEqualTo(-7L);
        assertThatThrownBy(p::next).hasMessageContaining("only 5 fields");
    }

    @Test
    void a_truncated_payload_is_refused() {
        assertThatThrownBy(() -> Payload.parse("10:short")).hasMessageContaining("overruns");
        assertThatThrownBy(() -> Payload.parse("x:1")).hasMessageContaining("bad length 'x'");
    }

    @Test
    void a_cursor_decodes_for_its_own_list_only() {
        Cursors cursors = new Cursors(new byte[0]);
        String c = cursors.encode(Cursors.List.SENT, 5, 1234L, 99L);
        assertThat(cursors.decode(c, Cursors.List.SENT, 5)).isEqualTo(new Cursors.Position(1234L, 99L));
        assertThat(cursors.decode(null, Cursors.List.SENT, 5)).isNull();
        assertThatThrownBy(() -> cursors.decode(c, Cursors.List.SENT, 6))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("belongs to another list");
        assertThatThrownBy(() -> cursors.decode(c, Cursors.List.RECEIVED, 5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("belongs to another list");
    }

    @Test
    void an_edited_or_foreign_cursor_is_refused() {
        Cursors cursors = new Cursors(new byte[0]);
        byte[] raw = Base64.getUrlDecoder().decode(cursors.encode(Cursors.List.SENT, 5, 1234L, 99L));
        raw[20] ^= 1;
        String edited = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThatThrownBy(() -> cursors.decode(edited, Cursors.List.SENT, 5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("altered");
        Cursors other = new Cursors("another-secret-of-16+".getBytes(StandardCharsets.UTF_8));
        String foreign = other.encode(Cursors.List.SENT, 5, 1234L, 99L);
        assertThatThrownBy(() -> cursors.decode(foreign, Cursors.List.SENT, 5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("altered");
        assertThatThrownBy(() -> cursors.decode("not a cursor!", Cursors.List.SENT, 5))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("cursor"));
    }
}
