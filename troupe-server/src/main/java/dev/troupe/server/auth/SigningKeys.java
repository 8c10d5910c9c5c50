package dev.troupe.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys a server verifies tokens with, by signing algorithm: the shared secret for HS256, and public
 * keys for ES256/ES384/ES512 (EC P-256, P-384, P-521) and RS256 (RSA of at least 2048 bits). A token is
 * checked only against keys of the algorithm its header names, so a public key can never be misused
 * as an HMAC secret (the "algorithm confusion" attack), and {@code none} matches no key. Immutable.
 */
public final class SigningKeys {
    private static final int MIN_RSA_BITS = 2048;

    private final Map<JWSAlgorithm, List<JWSVerifier>> verifiers;

    private SigningKeys(Map<JWSAlgorithm, List<JWSVerifier>> verifiers) {
        this.verifiers = verifiers;
    }

    /**
     * The keys of a server: {@code secret} for HS256 and each of {@code publicKeys} for its algorithm.
     *
     * @throws IllegalArgumentException for a key of another kind, an EC key on another curve, an RSA key
     *                                  shorter than 2048 bits, or an unusable secret
     */
    public static SigningKeys of(byte[] secret, List<PublicKey> publicKeys) {
        Map<JWSAlgorithm, List<JWSVerifier>> verifiers = new HashMap<>();
        try {
            verifiers.put(JWSAlgorithm.HS256, List.of(new MACVerifier(secret.clone())));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HS256 secret: " + e.getMessage(), e);
        }
        for (PublicKey key : publicKeys) {
            Keyed keyed = verifierFor(key);
            verifiers.computeIfAbsent(keyed.algorithm(), a -> new ArrayList<>()).add(keyed.verifier());
        }
        verifiers.replaceAll((algorithm, list) -> List.copyOf(list));
        return new SigningKeys(Map.copyOf(verifiers));
    }

    /**
     * Checks that tokens can be verified with {@code key}.
     *
     * @throws IllegalArgumentException for a key of another kind, an EC key on another curve or an RSA
     *                                  key shorter than 2048 bits
     */
    public static void check(PublicKey key) {
        verifierFor(key);
    }

    private record Keyed(JWSAlgorithm algorithm, JWSVerifier verifier) {
    }

    private static Keyed verifierFor(PublicKey key) {
        try {
            return switch (key) {
                case ECPublicKey ec -> new Keyed(ecAlgorithm(ec.getParams()), new ECDSAVerifier(ec));
                case RSAPublicKey rsa -> {
                    checkRsaLength(rsa.getModulus().bitLength());
                    yield new Keyed(JWSAlgorithm.RS256, new RSASSAVerifier(rsa));
                }
                default -> throw new IllegalArgumentException("a token key must be an EC or RSA public key, not "
                        + key.getAlgorithm());
            };
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable token key: " + e.getMessage(), e);
        }
    }

    /** The ECDSA algorithm for a key's curve: ES256 (P-256), ES384 (P-384) or ES512 (P-521). */
    public static JWSAlgorithm ecAlgorithm(ECParameterSpec params) {
        Curve curve = Curve.forECParameterSpec(params);
        if (Curve.P_256.equals(curve)) {
            return JWSAlgorithm.ES256;
        }
        if (Curve.P_384.equals(curve)) {
            return JWSAlgorithm.ES384;
        }
        if (Curve.P_521.equals(curve)) {
            return JWSAlgorithm.ES512;
        }
        throw new IllegalArgumentException("an EC token key must be on P-256, P-384 or P-521");
    }

    /** Refuses RSA keys shorter than 2048 bits, as RFC 7518 requires for RS256. */
    public static void checkRsaLength(int bits) {
        if (bits < MIN_RSA_BITS) {
            throw new IllegalArgumentException("an RSA token key needs at least " + MIN_RSA_BITS + " bits, not " + bits);
        }
    }

    /** The verifiers for tokens signed with {@code algorithm}; empty if this server accepts none. */
    List<JWSVerifier> forAlgorithm(JWSAlgorithm algorithm) {
        return verifiers.getOrDefault(algorithm, List.of());
    }

    /** The algorithms this server accepts, for error messages. */
    List<String> algorithms() {
        return verifiers.keySet().stream().map(JWSAlgorithm::getName).sorted().toList();
    }
}
