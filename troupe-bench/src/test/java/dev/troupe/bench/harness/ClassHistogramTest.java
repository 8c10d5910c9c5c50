package dev.troupe.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassHistogramTest {
    private static final String BEFORE = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1000          24000  [B (java.base@25)
               2:           500          12000  java.lang.String (java.base@25)
            Total          1500          36000
            """;
    private static final String AFTER = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          3000          72000  [B (java.base@25)
               2:           100          96000  dev.troupe.runtime.Activation
               3:           400           9600  java.lang.String (java.base@25)
            Total          3500         177600
            """;

    @Test
    void growthSince_listsTheClassesThatGrew_largestFirst() {
        ClassHistogram before = ClassHistogram.parse(BEFORE);
        ClassHistogram after = ClassHistogram.parse(AFTER);

        assertThat(after.growthSince(before)).containsExactly(
                new ClassHistogram.Entry("dev.troupe.runtime.Activation", 100, 96000),
                new ClassHistogram.Entry("[B", 2000, 48000));
    }

    @Test
    void beyond_subtractsAnotherPhasesGrowth_classByClass() {
        List<ClassHistogram.Entry> phase = List.of(new ClassHistogram.Entry("A", 10, 1000),
                new ClassHistogram.Entry("B", 5, 100), new ClassHistogram.Entry("C", 1, 16));
        List<ClassHistogram.Entry> share = List.of(new ClassHistogram.Entry("A", 4, 400),
                new ClassHistogram.Entry("B", 5, 100));

        assertThat(ClassHistogram.beyond(phase, share)).containsExactly(
                new ClassHistogram.Entry("A", 6, 600), new ClassHistogram.Entry("C", 1, 16));
    }

    @Test
    void take_readsThisJvmsHeap() throws Exception {
        assertThat(ClassHistogram.take().growthSince(ClassHistogram.parse("")))
                .anySatisfy(entry -> assertThat(entry.className()).isEqualTo("java.lang.String"));
    }
}
