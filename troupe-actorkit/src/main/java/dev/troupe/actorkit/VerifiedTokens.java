package dev.troupe.actorkit;

import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/*
 * Why a memo of verified tokens is safe.
 *
 * An Actor Kit client sends the same token with every request until it fetches a new one, and
 * checking its HS256 signature (parsing the JWT, the HMAC, parsing the claims) was half the cost of an
 * event POST. HS256 verification is a pure function of the token text and the secret, and the secret
 * is fixed for the adapter's life, so the claims of a token text that verified once are the claims it
 * verifies to every time: the memo keys by the exact text, so a token altered in a single character is
 * a miss and is verified in full. Only tokens whose signature checked out enter, so a client sending
 * forged tokens cannot fill the memo with them; what is checked per request (expiry against the clock,
 * jti and aud against the addressed actor, the subject) is still checked per request by the caller.
 *
 * An entry is dropped once its token expires. The memo holds at most its capacity: when full, the
 * expired entries go first and then arbitrary ones (the map's iteration order), down to three quarters
 * of it, so a burst of new tokens costs re-verification, never memory.
 */

/** The claims of the tokens whose signature verified, by token text, until each one's expiry. Thread-safe. */
final class VerifiedTokens {
    private final int capacity;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Map<String, Object> claims, @Nullable Instant expiry) {
        boolean expiredAt(Instant now) {
            return expiry != null && !now.isBefore(expiry);
        }
    }

    /** A memo of at most {@code capacity} tokens. */
    VerifiedTokens(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /**
     * The claims of {@code token}, from the memo if it verified before and has not expired at {@code now},
     * else from {@code verify}, which throws for a token that does not verify; its claims are kept with
     * the expiry {@code expiry} reads from them unless that has passed.
     */
    Map<String, Object> claims(String token, Instant now, Function<String, Map<String, Object>> verify,
            Function<Map<String, Object>, @Nullable Instant> expiry) {
        Entry known = entries.get(token);
        if (known != null && !known.expiredAt(now)) {
            return known.claims();
        }
        if (known != null) {
            entries.remove(token, known);
        }
        Map<String, Object> claims = Collections.unmodifiableMap(new LinkedHashMap<>(verify.apply(token)));
        Entry entry = new Entry(claims, expiry.apply(claims));
        if (!entry.expiredAt(now)) {
            if (entries.size() >= capacity) {
                evict(now);
            }
            entries.put(token, entry);
        }
        return claims;
    }

    /** How many tokens the memo holds. */
    int size() {
        return entries.size();
    }

    private void evict(Instant now) {
        entries.values().removeIf(entry -> entry.expiredAt(now));
        Iterator<String> tokens = entries.keySet().iterator();
        while (entries.size() > capacity * 3 / 4 && tokens.hasNext()) {
            tokens.next();
            tokens.remove();
        }
    }
}
