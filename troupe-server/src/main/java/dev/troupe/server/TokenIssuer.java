package dev.troupe.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.server.auth.Claims;
import dev.troupe.server.auth.SigningKeys;
import dev.troupe.server.auth.TokenRules;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Mints the bearer tokens a {@link TroupeServer} accepts: JWTs signed with HS256 (a secret shared with
 * the server), ES256/ES384/ES512 or RS256 (a private key whose public half the server is given), whose
 * claims name the caller
 * ({@code sub}, {@code ctype}) and may restrict the actor type ({@code atype}), the actor key
 * ({@code akey}) and the lifetime ({@code exp}); an issuer may also name its key ({@code kid}), the
 * issuer ({@code iss}) and the audience ({@code aud}).
 *
 * {@snippet :
 * TokenIssuer issuer = TokenIssuer.hs256(secret);
 * String alice = issuer.client("alice")
 *         .actor("chat-room", Key.of("acme", "general"))
 *         .expiresIn(Duration.ofMinutes(15))
 *         .issue();
 * String billing = issuer.service("billing").issue();
 * }
 *
 * <p>Immutable and thread-safe. There is deliberately no way to mint a {@code system} token: the
 * server refuses that caller type from the wire.
 */
public final class TokenIssuer {
    private static final int MIN_SECRET_BYTES = 32;

    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final Clock clock;
    private final @Nullable String keyId;
    private final @Nullable String issuer;
    private final @Nullable String audience;
    private final boolean actorKit;

    private TokenIssuer(JWSSigner signer, JWSAlgorithm algorithm, Clock clock, boolean actorKit) {
        this(signer, algorithm, clock, null, null, null, actorKit);
    }

    private TokenIssuer(JWSSigner signer, JWSAlgorithm algorithm, Clock clock, @Nullable String keyId,
                        @Nullable String issuer, @Nullable String audience, boolean actorKit) {
        this.signer = signer;
        this.algorithm = algorithm;
        this.clock = clock;
        this.keyId = keyId;
        this.issuer = issuer;
        this.audience = audience;
        this.actorKit = actorKit;
    }

    /**
     * This issuer, naming {@code id} as the key id ({@code kid}) in every token's header, so that a
     * server verifying with a JWK set ({@link ServerConfig#jwksUrl}) picks the matching key.
     */
    public TokenIssuer keyId(String id) {
        return new TokenIssuer(signer, algorithm, clock, nonEmpty(id, "key id"), issuer, audience, actorKit);
    }

    /** This issuer, putting {@code value} in every token's {@code iss} claim ({@link ServerConfig#jwtIssuer}). */
    public TokenIssuer issuer(String value) {
        return new TokenIssuer(signer, algorithm, clock, keyId, nonEmpty(value, "issuer"), audience, actorKit);
    }

    /**
     * This issuer, putting {@code value} in every token's {@code aud} claim ({@link ServerConfig#jwtAudience}).
     *
     * @throws IllegalStateException on an {@linkplain #actorKit Actor Kit} issuer, whose {@code aud} is the actor type
     */
    public TokenIssuer audience(String value) {
        if (actorKit) {
            throw new IllegalStateException("an Actor Kit token's aud is its actor type; it has no other audience");
        }
        return new TokenIssuer(signer, algorithm, clock, keyId, issuer, nonEmpty(value, "audience"), false);
    }

    /** This issuer, minting tokens with the issuer and audience the rules require, if any. */
    TokenIssuer forRules(TokenRules rules) {
        TokenIssuer out = this;
        if (rules.issuer() != null) {
            out = out.issuer(rules.issuer());
        }
        if (rules.audience() != null) {
            out = out.audience(rules.audience());
        }
        return out;
    }

    private static String nonEmpty(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a token " + name + " must not be empty");
        }
        return value;
    }

    /**
     * An issuer signing with HS256 and {@code secret}, the same secret given to
     * {@link ServerConfig#jwtSecret(byte[])}.
     *
     * @throws IllegalArgumentException if the secret is shorter than 32 bytes
     */
    public static TokenIssuer hs256(byte[] secret) {
        try {
            return new TokenIssuer(new MACSigner(checkSecret(secret).clone()), JWSAlgorithm.HS256, Clock.systemUTC(), false);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HS256 secret: " + e.getMessage(), e);
        }
    }

    /**
     * An issuer of Actor Kit's access tokens (as {@code actor-kit@0.47.0}'s {@code createAccessToken}
     * mints them), for the Actor Kit adapter ({@code troupe-actorkit}): HS256 with {@code secret}, the
     * bytes of the app's {@code ACTOR_KIT_SECRET}; {@code jti} the actor id, {@code aud} the actor type,
     * {@code sub} {@code "<caller type>-<caller id>"}, and no {@code ctype}. Every token must name its
     * one actor ({@link Token#actor(String, Key)} with a one-part key, the Actor Kit actor id) and an
     * expiry; keep it short, since Actor Kit's client puts the token in its WebSocket URL. Wire protocol
     * v1 does not accept these tokens, nor the adapter v1's.
     *
     * {@snippet :
     * String token = TokenIssuer.actorKit(secret).client("alice")
     *         .actor("todo-list", Key.of("groceries"))
     *         .expiresIn(Duration.ofMinutes(30))
     *         .issue();
     * }
     *
     * @throws IllegalArgumentException if the secret is shorter than 32 bytes
     */
    public static TokenIssuer actorKit(byte[] secret) {
        try {
            return new TokenIssuer(new MACSigner(checkSecret(secret).clone()), JWSAlgorithm.HS256, Clock.systemUTC(), true);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HS256 secret: " + e.getMessage(), e);
        }
    }

    /**
     * An issuer signing with ECDSA: ES256, ES384 or ES512 by the key's curve (P-256, P-384, P-521). The
     * server verifies with the public half, given to {@link ServerConfig#jwtPublicKey}; only the token
     * service holds this key.
     *
     * @throws IllegalArgumentException if the key is on another curve
     */
    public static TokenIssuer ecdsa(ECPrivateKey key) {
        try {
            return new TokenIssuer(new ECDSASigner(key), SigningKeys.ecAlgorithm(key.getParams()), Clock.systemUTC(), false);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable EC key: " + e.getMessage(), e);
        }
    }

    /**
     * An issuer signing with RS256. The server verifies with the public half, given to
     * {@link ServerConfig#jwtPublicKey}.
     *
     * @throws IllegalArgumentException if the key is shorter than 2048 bits
     */
    public static TokenIssuer rs256(RSAPrivateKey key) {
        SigningKeys.checkRsaLength(key.getModulus().bitLength());
        return new TokenIssuer(new RSASSASigner(key), JWSAlgorithm.RS256, Clock.systemUTC(), false);
    }

    static byte[] checkSecret(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("an HS256 secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        return secret;
    }

    /** Starts a token for an end-user client (untrusted; actor types deny clients unless they allow them). */
    public Token client(String id) {
        return new Token(CallerType.CLIENT, id);
    }

    /** Starts a token for a trusted backend service. */
    public Token service(String id) {
        return new Token(CallerType.SERVICE, id);
    }

    /**
     * One token being described. Not thread-safe; {@link #issue()} may be called repeatedly.
     */
    public final class Token {
        private final CallerType type;
        private final String subject;
        private @Nullable Instant expiresAt;
        private @Nullable String actorType;
        private @Nullable Key actorKey;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Token(CallerType type, String subject) {
            if (subject == null || subject.isEmpty()) {
                throw new IllegalArgumentException("a token needs a non-empty subject");
            }
            this.type = type;
            this.subject = subject;
        }

        /** Expires the token {@code ttl} from now (no expiry unless set). */
        public Token expiresIn(Duration ttl) {
            return expiresAt(clock.instant().plus(ttl));
        }

        /** Expires the token at {@code instant} (whole seconds; may be in the past, for tests). */
        public Token expiresAt(Instant instant) {
            this.expiresAt = Objects.requireNonNull(instant, "instant");
            return this;
        }

        /** Restricts the token to actors of {@code type}. */
        public Token actor(String type) {
            this.actorType = Objects.requireNonNull(type, "type");
            return this;
        }

        /** Restricts the token to the one actor of {@code type} under {@code key}. */
        public Token actor(String type, Key key) {
            this.actorType = Objects.requireNonNull(type, "type");
            this.actorKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Adds an application claim, visible to actors in {@code Caller.claims()}.
         *
         * @throws IllegalArgumentException for a claim name the protocol reserves
         */
        public Token claim(String name, Object value) {
            if (name.equals(Claims.SUBJECT) || name.equals(Claims.CALLER_TYPE) || name.equals(Claims.ACTOR_TYPE)
                    || name.equals(Claims.ACTOR_KEY) || name.equals(Claims.EXPIRY)) {
                throw new IllegalArgumentException("claim '" + name + "' is set through its own method");
            }
            extra.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The signed token, in compact JWS form.
         *
         * @throws IllegalStateException for an {@linkplain #actorKit Actor Kit} token without its one
         *                               actor (a one-part key) or without an expiry
         */
        public String issue() {
            JWTClaimsSet.Builder claims = actorKit ? actorKitClaims() : new JWTClaimsSet.Builder()
                    .subject(subject)
                    .claim(Claims.CALLER_TYPE, type.wireName());
            claims.issueTime(Date.from(clock.instant()));
            if (issuer != null) {
                claims.issuer(issuer);
            }
            if (audience != null) {
                claims.audience(audience);
            }
            extra.forEach(claims::claim);
            if (expiresAt != null) {
                claims.expirationTime(Date.from(expiresAt));
            }
            if (actorType != null && !actorKit) {
                claims.claim(Claims.ACTOR_TYPE, actorType);
            }
            if (actorKey != null && !actorKit) {
                claims.claim(Claims.ACTOR_KEY, actorKey.parts());
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims.build());
            try {
                jwt.sign(signer);
            } catch (JOSEException e) {
                throw new IllegalStateException(algorithm + " signing failed", e);
            }
            return jwt.serialize();
        }

        /** Actor Kit's claims: {@code sub} is {@code type-id}, {@code jti} the actor id, {@code aud} the actor type. */
        private JWTClaimsSet.Builder actorKitClaims() {
            if (actorType == null || actorKey == null || actorKey.parts().size() != 1) {
                throw new IllegalStateException("an Actor Kit token names its one actor: actor(type, Key.of(actorId))");
            }
            if (expiresAt == null) {
                throw new IllegalStateException("an Actor Kit token needs an expiry (expiresIn); it travels in URLs");
            }
            return new JWTClaimsSet.Builder()
                    .subject(type.wireName() + "-" + subject)
                    .jwtID(actorKey.parts().getFirst())
                    .audience(actorType);
        }
    }
}
