package dev.troupe.actorkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Actor Kit's access tokens and maps them to a {@link Caller}: HS256 with the app's secret;
 * {@code jti} must be the addressed actor id and {@code aud} (a string or an array) must name its type;
 * {@code sub} is {@code "client-<id>"} or {@code "service-<id>"} (split at the first {@code -}) or
 * {@code "anonymous"}. {@code system-…} is refused, though actor-kit 0.47 would accept it, as is a
 * wire protocol v1 token (it carries {@code ctype}). The caller is scoped to the one actor ({@code
 * atype}, {@code akey}), which the runtime enforces again. Any problem is {@code 401 auth/unauthorized}
 * with a message that names it and never the token. A token whose signature verified is remembered
 * until it expires ({@link VerifiedTokens}); the other checks run on every call. Thread-safe.
 */
final class ActorKitTokens {
    private static final String ANONYMOUS = "anonymous";
    /** How many verified tokens are remembered (see {@link VerifiedTokens}). */
    private static final int REMEMBERED_TOKENS = 10_000;

    private final MACVerifier verifier;
    private final Duration urlTokenLifetime;
    private final Clock clock;
    private final VerifiedTokens verifiedTokens = new VerifiedTokens(REMEMBERED_TOKENS);

    ActorKitTokens(ActorKit settings, Clock clock) {
        try {
            this.verifier = new MACVerifier(settings.secret());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable Actor Kit secret: " + e.getMessage(), e);
        }
        this.urlTokenLifetime = settings.urlTokenLifetime();
        this.clock = clock;
    }

    /**
     * The caller of a token sent for the actor {@code actorId} of {@code actorType}.
     *
     * @param inUrl whether the token came in a URL: then it must expire within the URL token lifetime
     * @throws TroupeException {@code auth/unauthorized}
     */
    Caller caller(@Nullable String token, String actorType, String actorId, boolean inUrl) {
        if (token == null || token.isEmpty()) {
            throw unauthorized(inUrl ? "an Actor Kit WebSocket needs ?accessToken=<token>"
                    : "an Actor Kit request needs Authorization: Bearer <token>");
        }
        Instant now = clock.instant();
        Map<String, Object> claims = verifiedTokens.claims(token, now, this::verified, found -> expiry(found.get("exp")));
        if (claims.containsKey("ctype")) {
            throw unauthorized("this is a Troupe wire protocol v1 token (it has ctype); the Actor Kit adapter takes"
                    + " Actor Kit tokens (TokenIssuer.actorKit)");
        }
        Instant expiry = expiry(claims.get("exp"));
        if (expiry != null && !now.isBefore(expiry)) {
            throw unauthorized("the token expired at " + expiry);
        }
        if (inUrl && (expiry == null || expiry.isAfter(now.plus(urlTokenLifetime)))) {
            throw unauthorized("a token in the URL must expire within " + urlTokenLifetime.toSeconds() + " s");
        }
        if (!actorId.equals(claims.get("jti"))) {
            throw unauthorized("the token's jti must be the actor id '" + actorId + "'");
        }
        Object audience = claims.get("aud");
        if (!(actorType.equals(audience) || audience instanceof List<?> list && list.contains(actorType))) {
            throw unauthorized("the token's aud must name the actor type '" + actorType + "'");
        }
        Map<String, Object> scoped = new LinkedHashMap<>();
        claims.forEach((name, value) -> {
            if (value != null) {
                scoped.put(name, value);
            }
        });
        scoped.put(Caller.SCOPE_TYPE, actorType);
        scoped.put(Caller.SCOPE_KEY, List.of(actorId));
        return subject(claims.get("sub"), scoped);
    }

    private Map<String, Object> verified(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw unauthorized("the token is not a well-formed JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw unauthorized("an Actor Kit token is signed with HS256, not " + jwt.getHeader().getAlgorithm());
        }
        try {
            if (!jwt.verify(verifier)) {
                throw unauthorized("the token signature is invalid");
            }
        } catch (JOSEException e) {
            throw unauthorized("the token signature cannot be verified");
        }
        return jwt.getPayload().toJSONObject();
    }

    private static @Nullable Instant expiry(@Nullable Object exp) {
        if (exp == null) {
            return null;
        }
        if (!(exp instanceof Number seconds)) {
            throw unauthorized("the token's exp must be a number of seconds since the epoch");
        }
        return Instant.ofEpochSecond(seconds.longValue());
    }

    private static Caller subject(@Nullable Object sub, Map<String, Object> claims) {
        if (!(sub instanceof String subject) || subject.isEmpty()) {
            throw unauthorized("the token has no subject (sub)");
        }
        if (subject.equals(ANONYMOUS)) {
            return new Caller(CallerType.CLIENT, ANONYMOUS, claims);
        }
        int dash = subject.indexOf('-');
        String kind = dash < 0 ? subject : subject.substring(0, dash);
        String id = dash < 0 ? "" : subject.substring(dash + 1);
        CallerType type = switch (kind) {
            case "client" -> CallerType.CLIENT;
            case "service" -> CallerType.SERVICE;
            case "system" -> throw unauthorized("a token's caller is never 'system-…': system callers do not come"
                    + " from the wire");
            default -> throw unauthorized("the token's sub must be 'client-<id>', 'service-<id>' or 'anonymous'");
        };
        if (id.isEmpty()) {
            throw unauthorized("the token's sub names no caller id after '" + kind + "-'");
        }
        return new Caller(type, id, claims);
    }

    private static TroupeException unauthorized(String message) {
        return new TroupeException(ErrorCode.UNAUTHORIZED, message);
    }
}
