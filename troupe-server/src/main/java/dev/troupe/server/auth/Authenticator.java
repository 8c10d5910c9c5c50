package dev.troupe.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns wire credentials into a {@link Caller} and checks a token's actor restrictions.
 *
 * <p>Rules (wire protocol v1): no credentials is the anonymous client {@code Caller(CLIENT,
 * "anonymous")}, which the actor type's access rules then judge. A token must be a JWS signed with HS256
 * and the server's secret, or with ES256/ES384/ES512/RS256 and the private half of one of the server's
 * public keys ({@link SigningKeys}) or of a key set ({@link TokenRules#keySet()}, matched by {@code kid}
 * and algorithm), carry a non-empty {@code sub} and a {@code ctype} of {@code client} or
 * {@code service}, give its registered claims the types RFC 7519 gives them, name the issuer and
 * include the audience the {@link TokenRules} require, and not be expired or not yet valid (within the
 * rules' clock skew); anything else is {@code auth/unauthorized}
 * with a message naming the problem. {@code atype}/{@code akey} restrict which actor the token may
 * address; the runtime enforces them ({@link Caller#SCOPE_TYPE}). Thread-safe.
 */
public final class Authenticator {
    /** The id of a caller that presented no credentials. */
    public static final String ANONYMOUS = "anonymous";
    /** The longest remaining lifetime of a token passed in a URL (SSE {@code ?token=}). */
    public static final Duration MAX_QUERY_TOKEN_LIFETIME = Duration.ofMinutes(5);

    private static final String BEARER = "Bearer ";
    private static final String NOT_BEFORE = "nbf";
    private static final String AUDIENCE = "aud";
    private static final String ISSUER = "iss";
    private static final List<String> STRING_CLAIMS = List.of(ISSUER, Claims.SUBJECT, "jti");
    private static final List<String> DATE_CLAIMS = List.of(Claims.EXPIRY, NOT_BEFORE, "iat");
    /** The largest NumericDate accepted, in seconds: 9999-12-31T23:59:59Z. */
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    private final SigningKeys keys;
    private final TokenRules rules;
    private final @Nullable KeySetVerifier keySet;
    private final Clock clock;

    /** A verifier for tokens signed with one of {@code keys}, with no issuer, audience or skew rules. */
    public Authenticator(SigningKeys keys, Clock clock) {
        this(keys, TokenRules.DEFAULT, clock);
    }

    /**
     * A verifier for tokens signed with one of {@code keys} or a key of the rules' key set, that
     * enforces the rules' issuer, audience and clock skew.
     *
     * @throws IllegalArgumentException if the rules' key set file cannot be read
     */
    public Authenticator(SigningKeys keys, TokenRules rules, Clock clock) {
        this(keys, rules, rules.keySet() == null ? null : KeySetVerifier.at(rules.keySet()), clock);
    }

    Authenticator(SigningKeys keys, TokenRules rules, @Nullable KeySetVerifier keySet, Clock clock) {
        this.keys = keys;
        this.rules = rules;
        this.keySet = keySet;
        this.clock = clock;
    }

    /** The caller of a request without credentials. */
    public static Caller anonymous() {
        return Caller.client(ANONYMOUS);
    }

    /**
     * The caller named by an {@code Authorization} header value; the anonymous client if absent.
     *
     * @throws TroupeException {@code auth/unauthorized} for another scheme or a bad token
     */
    public Caller fromHeader(@Nullable String authorization) {
        if (authorization == null) {
            return anonymous();
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("the Authorization header must use the Bearer scheme");
        }
        return verify(authorization.substring(BEARER.length()).trim());
    }

    /**
     * The caller named by a token passed in a URL, which must expire within
     * {@link #MAX_QUERY_TOKEN_LIFETIME}.
     *
     * @throws TroupeException {@code auth/unauthorized}
     */
    public Caller fromQueryToken(String token) {
        Caller caller = verify(token);
        Object exp = caller.claims().get(Claims.EXPIRY);
        if (!(exp instanceof Long seconds)
                || Instant.ofEpochSecond(seconds).isAfter(clock.instant().plus(MAX_QUERY_TOKEN_LIFETIME))) {
            throw unauthorized("a token in the URL must expire within " + MAX_QUERY_TOKEN_LIFETIME.toSeconds()
                    + " s; send long-lived tokens in the Authorization header");
        }
        return caller;
    }

    /**
     * Verifies a compact JWS and maps its claims to a caller whose {@code claims} hold every JWT claim
     * (dates as epoch seconds).
     *
     * @throws TroupeException {@code auth/unauthorized} naming what is wrong
     */
    public Caller verify(String token) {
        if (token == null || token.isEmpty()) {
            throw unauthorized("the token is empty");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw unauthorized("the token is not a well-formed JWT");
        }
        checkSignature(jwt);
        Map<String, Object> raw = jwt.getPayload().toJSONObject();
        checkClaimTypes(raw);
        checkIssuerAndAudience(raw);
        Instant now = clock.instant();
        Instant exp = numericDate(raw, Claims.EXPIRY);
        if (exp != null && !now.isBefore(exp.plus(rules.clockSkew()))) {
            throw unauthorized("the token expired at " + exp + skewNote());
        }
        Instant nbf = numericDate(raw, NOT_BEFORE);
        if (nbf != null && now.plus(rules.clockSkew()).isBefore(nbf)) {
            throw unauthorized("the token is not valid before " + nbf + skewNote());
        }
        String subject = (String) raw.get(Claims.SUBJECT);
        if (subject == null || subject.isEmpty()) {
            throw unauthorized("the token has no subject (sub)");
        }
        return new Caller(callerType(claims.getClaim(Claims.CALLER_TYPE)), subject, wireClaims(claims));
    }

    /**
     * The signature verifies with a key of the algorithm the header names: the server's secret or
     * public keys, else a key of the key set whose {@code kid} and algorithm match.
     */
    private void checkSignature(SignedJWT jwt) {
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        List<JWSVerifier> verifiers = keys.forAlgorithm(algorithm);
        boolean inKeySet = keySet != null && KeySetVerifier.ALGORITHMS.contains(algorithm);
        if (verifiers.isEmpty() && !inKeySet) {
            throw unauthorized("the token is signed with " + algorithm + "; this server accepts "
                    + acceptedAlgorithms());
        }
        if (verifiedByAny(jwt, verifiers)) {
            return;
        }
        if (!inKeySet) {
            throw unauthorized("the token signature is invalid");
        }
        switch (keySet.verify(jwt)) {
            case VERIFIED -> {
            }
            case NO_KEY -> throw unauthorized(verifiers.isEmpty()
                    ? "no key of the server's key set matches the token's kid " + jwt.getHeader().getKeyID()
                    + " and algorithm " + algorithm
                    : "the token signature is invalid");
            case UNAVAILABLE -> throw unauthorized("the server's key set cannot be fetched to verify the token");
            case BAD_SIGNATURE -> throw unauthorized("the token signature is invalid");
        }
    }

    private List<String> acceptedAlgorithms() {
        if (keySet == null) {
            return keys.algorithms();
        }
        Set<String> names = new TreeSet<>(keys.algorithms());
        KeySetVerifier.ALGORITHMS.forEach(algorithm -> names.add(algorithm.getName()));
        return List.copyOf(names);
    }

    /** The token names the required issuer and includes the required audience, if the rules set them. */
    private void checkIssuerAndAudience(Map<String, Object> raw) {
        String issuer = rules.issuer();
        if (issuer != null) {
            Object iss = raw.get(ISSUER);
            if (iss == null) {
                throw unauthorized("the token has no issuer (iss); this server requires '" + issuer + "'");
            }
            if (!issuer.equals(iss)) {
                throw unauthorized("the token's issuer (iss) '" + iss + "' is not '" + issuer + "'");
            }
        }
        String audience = rules.audience();
        if (audience != null) {
            Object aud = raw.get(AUDIENCE);
            if (aud == null) {
                throw unauthorized("the token has no audience (aud); this server requires '" + audience + "'");
            }
            if (!(aud.equals(audience) || aud instanceof List<?> list && list.contains(audience))) {
                throw unauthorized("the token's audience (aud) does not include '" + audience + "'");
            }
        }
    }

    private String skewNote() {
        Duration skew = rules.clockSkew();
        return skew.isZero() ? "" : " (" + skew.toSeconds() + " s of clock skew allowed)";
    }

    /**
     * The registered claims have the types RFC 7519 §4.1 gives them: {@code iss}, {@code sub} and
     * {@code jti} strings, {@code aud} a string or an array of strings, {@code exp}, {@code nbf} and
     * {@code iat} numbers of seconds within {@link #MAX_NUMERIC_DATE} of the epoch.
     */
    private static void checkClaimTypes(Map<String, Object> raw) {
        for (String name : STRING_CLAIMS) {
            Object value = raw.get(name);
            if (value != null && !(value instanceof String)) {
                throw unauthorized("the token's " + name + " must be a string");
            }
        }
        Object audience = raw.get(AUDIENCE);
        if (audience != null && !(audience instanceof String)
                && !(audience instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
            throw unauthorized("the token's aud must be a string or an array of strings");
        }
        for (String name : DATE_CLAIMS) {
            numericDate(raw, name);
        }
    }

    private static @Nullable Instant numericDate(Map<String, Object> raw, String name) {
        Object value = raw.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            throw unauthorized("the token's " + name + " must be a number of seconds since the epoch");
        }
        double seconds = number.doubleValue();
        if (!(Math.abs(seconds) <= MAX_NUMERIC_DATE)) {
            throw unauthorized("the token's " + name + " is out of range: seconds since the epoch must be within "
                    + MAX_NUMERIC_DATE + " (the year 9999)");
        }
        return Instant.ofEpochSecond(number.longValue());
    }

    private static CallerType callerType(@Nullable Object value) {
        if ("client".equals(value)) {
            return CallerType.CLIENT;
        }
        if ("service".equals(value)) {
            return CallerType.SERVICE;
        }
        if ("system".equals(value)) {
            throw unauthorized("ctype 'system' is never accepted from the wire");
        }
        throw unauthorized("the token's ctype must be 'client' or 'service', got " + value);
    }

    private static Map<String, Object> wireClaims(JWTClaimsSet claims) {
        Map<String, Object> out = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (value instanceof Date date) {
                out.put(name, date.toInstant().getEpochSecond());
            } else if (value != null) {
                out.put(name, value);
            }
        });
        Object actorKey = out.get(Claims.ACTOR_KEY);
        if (actorKey != null) {
            out.put(Claims.ACTOR_KEY, restrictedKey(actorKey).parts());
        }
        Object actorType = out.get(Claims.ACTOR_TYPE);
        if (actorType != null && !(actorType instanceof String)) {
            throw unauthorized("the token's atype must be a string");
        }
        if (actorKey != null && actorType == null) {
            throw unauthorized("the token's akey needs an atype");
        }
        return out;
    }

    private static Key restrictedKey(Object value) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw unauthorized("the token's akey must be a JSON array of strings");
        }
        try {
            return Key.of(list.stream().map(String.class::cast).toList());
        } catch (TroupeException e) {
            throw unauthorized("the token's akey is not a valid key: " + e.error().message());
        }
    }

    private static boolean verifiedByAny(SignedJWT jwt, List<JWSVerifier> verifiers) {
        for (JWSVerifier verifier : verifiers) {
            try {
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                throw unauthorized("the token signature cannot be verified");
            }
        }
        return false;
    }

    private static TroupeException unauthorized(String message) {
        return new TroupeException(ErrorCode.UNAUTHORIZED, message);
    }
}
