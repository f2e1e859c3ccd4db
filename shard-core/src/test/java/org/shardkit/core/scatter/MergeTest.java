package org.shardkit.core.scatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MergeTest {

    @Test
    void topK_ofRandomSortedLists_equalsSortingTheUnion() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            List<List<Integer>> lists = new ArrayList<>();
            List<Integer> union = new ArrayList<>();
            for (int s = 0; s < 1 + random.nextInt(8); s++) {
                List<Integer> list = new ArrayList<>();
                for (int i = 0; i < random.nextInt(30); i++) {
                    list.add(random.nextInt(100));
                }
                list.sort(Comparator.naturalOrder());
                lists.add(list);
                union.addAll(list);
            }
            int k = random.nextInt(60);
            union.sort(Comparator.naturalOrder());
            assertThat(Merge.topK(lists, k, Comparator.<Integer>naturalOrder()))
                    .isEqualTo(union.subList(0, Math.min(k, union.size())));
        }
    }

    @Test
    void topK_unsortedShardList_isRejectedWithTheOffendingValues() {
        assertThatThrownBy(() -> Merge.topK(List.of(List.of(1, 5, 3)), 3, Comparator.<Integer>naturalOrder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a shard's list is not sorted by the given order: 3 comes after 5");
        assertThatThrownBy(() -> Merge.topK(List.of(List.of(1)), -1, Comparator.<Integer>naturalOrder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be >= 0, but was -1");
    }

    @Test
    void concat_keepsShardOrder() {
        assertThat(Merge.concat(List.of(List.of(3, 1), List.of(), List.of(2)))).containsExactly(3, 1, 2);
    }

    @Test
    void page_lastPageHasNoCursor_fullShardPageKeepsOne() {
        KeysetPage<Integer, Integer> last =
                Merge.page(List.of(List.of(1, 2), List.of(3)), 5, Comparator.naturalOrder(), i -> i);
        assertThat(last.items()).containsExactly(1, 2, 3);
        assertThat(last.next()).isEmpty();

        KeysetPage<Integer, Integer> more =
                Merge.page(List.of(List.of(1, 4), List.of(2, 3)), 2, Comparator.naturalOrder(), i -> i);
        assertThat(more.items()).containsExactly(1, 2);
        assertThat(more.next()).contains(2);
    }

    @Test
    void aggregate_averageIsSumOverCount_notAverageOfAverages() {
        Aggregate a = Aggregate.of(1, BigDecimal.valueOf(100), BigDecimal.valueOf(100), BigDecimal.valueOf(100));
        Aggregate b = Aggregate.of(3, BigDecimal.valueOf(6), BigDecimal.ONE, BigDecimal.valueOf(3));
        Aggregate none = Aggregate.of(0, null, null, null);

        Aggregate total = Aggregate.combine(List.of(a, b, none));

        assertThat(total.count()).isEqualTo(4);
        assertThat(total.average().orElseThrow()).isEqualByComparingTo("26.5"); // 106 / 4, not (100 + 2) / 2 = 51
        assertThat(total.min()).isEqualByComparingTo("1");
        assertThat(total.max()).isEqualByComparingTo("100");
        assertThat(none.average()).isEmpty();
    }
}
