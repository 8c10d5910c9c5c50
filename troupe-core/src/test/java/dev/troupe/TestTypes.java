package dev.troupe;

import java.time.Duration;

/** Default type options, for white-box tests of the runtime package (the constructor is package-private). */
public final class TestTypes {
    private TestTypes() {
    }

    /** The options a type registered without changes gets (sleep after 60 s). */
    public static TypeOptions defaults() {
        return new TypeOptions(Duration.ofSeconds(60));
    }
}
