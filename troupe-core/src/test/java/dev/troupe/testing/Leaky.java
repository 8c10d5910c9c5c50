package dev.troupe.testing;

import dev.troupe.ActorContract;

/**
 * Fails with internal details in every way it can, for tests that none of them reaches a caller:
 * its exceptions' messages and causes, and its unserialisable results, carry {@link #SECRET}.
 */
@ActorContract("test-leaky")
public interface Leaky {
    /** What no caller may ever see. */
    String SECRET = "db password is hunter2";

    /** Throws an {@code IllegalStateException} whose message and cause carry the secret. */
    String fail();

    /** Answers a value whose serialisation throws with the secret (it crosses in-process unharmed). */
    Unserialisable unserialisable();

    /** A value whose only property throws when read. */
    final class Unserialisable {
        /** Throws, carrying the secret. */
        public String getSecret() {
            throw new IllegalStateException(SECRET);
        }
    }
}
