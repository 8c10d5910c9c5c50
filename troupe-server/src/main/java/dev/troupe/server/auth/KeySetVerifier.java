package dev.troupe.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies token signatures with the keys of a JSON Web Key Set, through nimbus's own machinery: a
 * {@link DefaultJWTProcessor} whose {@link JWSVerificationKeySelector} picks the keys that match the
 * token's {@code kid} and algorithm from a {@link JWKSource} (an immutable set read from a file, or a
 * URL source that nimbus caches, refreshes on an unknown {@code kid} and rate-limits). Only the
 * asymmetric algorithms are allowed, so an {@code oct} key in a set is never used and HS256 stays
 * with the server's secret; a key is used only for the algorithm its type and curve give it. Claims
 * are not checked here: {@link Authenticator} checks them from the raw payload. Thread-safe.
 */
final class KeySetVerifier {
    /**
     * How long fetching the key set may take to connect and to read (nimbus's default is 500 ms,
     * short enough that a busy key server makes a fetch time out and be retried).
     */
    private static final int FETCH_TIMEOUT_MILLIS = 2_000;
    /** The largest key set fetched, as nimbus's default. */
    private static final int MAX_KEY_SET_BYTES = 50 * 1024;
    /** The algorithms a key set may verify. */
    static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.RS256);

    private static final Logger LOG = LoggerFactory.getLogger(KeySetVerifier.class);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String location;

    KeySetVerifier(JWKSource<SecurityContext> source, String location) {
        this.location = location;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, source));
        processor.setJWTClaimsSetVerifier((claims, context) -> {
            // Authenticator checks every claim from the raw payload, with its own clock and skew.
        });
    }

    /**
     * The verifier for the key set at {@code location}: a {@code file:} URI, read now, or an http(s)
     * URL, fetched when first needed.
     *
     * @throws IllegalArgumentException if the file cannot be read as a JWK set
     */
    static KeySetVerifier at(URI location) {
        if ("file".equals(location.getScheme())) {
            try {
                return new KeySetVerifier(new ImmutableJWKSet<>(JWKSet.load(new File(location))), location.toString());
            } catch (IOException | ParseException e) {
                throw new IllegalArgumentException("the JWK set file " + location + " cannot be read: "
                        + e.getMessage(), e);
            }
        }
        try {
            return new KeySetVerifier(JWKSourceBuilder.create(location.toURL(), new DefaultResourceRetriever(
                    FETCH_TIMEOUT_MILLIS, FETCH_TIMEOUT_MILLIS, MAX_KEY_SET_BYTES)).retrying(true).build(),
                    location.toString());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a JWK set URL: " + location, e);
        }
    }

    /** The outcome of checking one token. */
    enum Outcome { VERIFIED, BAD_SIGNATURE, NO_KEY, UNAVAILABLE }

    /** Whether a key of the set whose {@code kid} and algorithm match the token's verifies its signature. */
    Outcome verify(SignedJWT jwt) {
        try {
            processor.process(jwt, null);
            return Outcome.VERIFIED;
        } catch (BadJWSException e) {
            return Outcome.BAD_SIGNATURE;
        } catch (BadJOSEException e) {
            return Outcome.NO_KEY;
        } catch (KeySourceException e) {
            LOG.warn("the JWK set at {} cannot be fetched; tokens it should verify are refused", location, e);
            return Outcome.UNAVAILABLE;
        } catch (JOSEException e) {
            return Outcome.BAD_SIGNATURE;
        }
    }
}
