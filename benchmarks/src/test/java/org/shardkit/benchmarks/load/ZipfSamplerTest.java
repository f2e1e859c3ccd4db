package org.shardkit.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {

    @Test
    void rank_followsThePowerLaw_hottestFarMoreThanTheMedian() {
        ZipfSampler zipf = new ZipfSampler(10_000, 0.8, 1, 1);
        SplittableRandom random = new SplittableRandom(3);
        int[] byRank = new int[10_000];
        for (int i = 0; i < 1_000_000; i++) {
            byRank[zipf.rank(random.nextDouble())]++;
        }
        // P(rank < k) = (k/n)^(1-s): the first 1% of ranks take 1%^0.2 = 39.8% of the draws
        int top = 0;
        for (int r = 0; r < 100; r++) {
            top += byRank[r];
        }
        assertThat(top / 1_000_000.0).isBetween(0.38, 0.42);
        assertThat(byRank[0]).isGreaterThan(50 * Math.max(1, byRank[5000]));
    }

    @Test
    void next_staysInRange_andShapeZeroIsUniform() {
        ZipfSampler uniform = new ZipfSampler(100, 0, 1, 1);
        SplittableRandom random = new SplittableRandom(5);
        int[] counts = new int[100];
        for (int i = 0; i < 100_000; i++) {
            counts[uniform.next(random)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(800, 1200);
        }
    }

    @Test
    void permutation_isABijection() {
        for (int n : new int[] {1, 2, 97, 1000, 1024}) {
            Permutation p = new Permutation(n, 0x9E3779B97F4A7C15L, 17);
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < n; i++) {
                seen.add(p.at(i));
            }
            assertThat(seen).as("n=%d", n).hasSize(n);
        }
    }
}
