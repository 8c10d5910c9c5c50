package dev.troupe.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

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
    void take_readsThisJvmsHeap() throws Exception {
        assertThat(ClassHistogram.take().of("java.lang.String").instances()).isPositive();
    }
}
