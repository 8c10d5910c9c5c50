package dev.troupe.actorkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The memo of verified tokens verifies each token text once until it expires, never keeps a token
 * that failed or had expired, and stays within its capacity.
 */
class VerifiedTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private static final Function<Map<String, Object>, Instant> EXPIRY =
            claims -> Instant.ofEpochSecond((Long) claims.get("exp"));

    private final AtomicInteger verifications = new AtomicInteger();

    private Map<String, Object> verify(String token) {
        verifications.incrementAndGet();
        if (token.startsWith("forged")) {
            throw new TroupeException(ErrorCode.UNAUTHORIZED, "the token signature is invalid");
        }
        return Map.of("jti", token, "exp", Long.parseLong(token.substring(token.indexOf(':') + 1)));
    }

    private static String token(String name, Instant expiry) {
        return name + ":" + expiry.getEpochSecond();
    }

    @Test
    void aTokenIsVerifiedOnce_untilItExpires_thenAgain() {
        VerifiedTokens memo = new VerifiedTokens(10);
        String token = token("a", NOW.plusSeconds(60));
        assertThat(memo.claims(token, NOW, this::verify, EXPIRY)).containsEntry("jti", token);
        assertThat(memo.claims(token, NOW.plusSeconds(59), this::verify, EXPIRY)).containsEntry("jti", token);
        assertThat(verifications).hasValue(1);

        memo.claims(token, NOW.plusSeconds(60), this::verify, EXPIRY);
        assertThat(verifications).as("verified again at its expiry").hasValue(2);
        assertThat(memo.size()).as("an expired token is not kept").isZero();
    }

    @Test
    void aTokenAlteredInOneCharacter_isVerifiedInFull() {
        VerifiedTokens memo = new VerifiedTokens(10);
        String token = token("a", NOW.plusSeconds(60));
        memo.claims(token, NOW, this::verify, EXPIRY);
        assertThatThrownBy(() -> memo.claims("forged" + token.substring(1), NOW, this::verify, EXPIRY))
                .isInstanceOf(TroupeException.class);
        assertThat(verifications).hasValue(2);
        assertThat(memo.size()).as("a token that failed is not kept").isEqualTo(1);
    }

    @Test
    void theMemoStaysWithinItsCapacity_droppingExpiredTokensFirst() {
        VerifiedTokens memo = new VerifiedTokens(4);
        String soonExpired = token("old", NOW.plusSeconds(1));
        memo.claims(soonExpired, NOW, this::verify, EXPIRY);
        for (int i = 0; i < 3; i++) {
            memo.claims(token("t" + i, NOW.plusSeconds(600)), NOW, this::verify, EXPIRY);
        }
        assertThat(memo.size()).isEqualTo(4);
        memo.claims(token("new", NOW.plusSeconds(600)), NOW.plusSeconds(2), this::verify, EXPIRY);
        assertThat(memo.size()).isEqualTo(4);
        int before = verifications.get();
        memo.claims(token("t0", NOW.plusSeconds(600)), NOW.plusSeconds(2), this::verify, EXPIRY);
        assertThat(verifications).as("the live tokens stayed").hasValue(before);

        for (int i = 0; i < 20; i++) {
            memo.claims(token("burst" + i, NOW.plusSeconds(600)), NOW.plusSeconds(2), this::verify, EXPIRY);
            assertThat(memo.size()).isLessThanOrEqualTo(4);
        }
    }
}
