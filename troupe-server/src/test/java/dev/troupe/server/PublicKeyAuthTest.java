package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens signed by a separate token service with a private key, verified by the server with the public
 * half: ES256, ES384 and RS256, key rotation, and the attacks that asymmetric keys invite.
 */
class PublicKeyAuthTest {
    private static final String GUARDED = "/v1/actors/test-lifecycle/actions/note?key=public-key";
    private static final String NOTE = "{\"args\":[\"hi\"]}";

    private static KeyPair p256;
    private static KeyPair p256Rotated;
    private static KeyPair p384;
    private static KeyPair rsa;
    private static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        p256 = ec("secp256r1");
        p256Rotated = ec("secp256r1");
        p384 = ec("secp384r1");
        rsa = rsa(2048);
        t = TestServer.start(config -> config.jwtPublicKey(p256.getPublic()).jwtPublicKey(p256Rotated.getPublic())
                .jwtPublicKey(p384.getPublic()).jwtPublicKey(rsa.getPublic()));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private static TestServer.Reply guarded(String token) {
        return t.post(GUARDED, NOTE, "Authorization", "Bearer " + token);
    }

    @Test
    void tokensSignedWithTheConfiguredKeys_areAccepted_byAlgorithmOfTheKey() {
        assertThat(guarded(TokenIssuer.ecdsa((ECPrivateKey) p256.getPrivate()).service("billing").issue()).status())
                .isEqualTo(200);
        assertThat(guarded(TokenIssuer.ecdsa((ECPrivateKey) p256Rotated.getPrivate()).service("billing").issue())
                .status()).isEqualTo(200);
        assertThat(guarded(TokenIssuer.ecdsa((ECPrivateKey) p384.getPrivate()).service("billing").issue()).status())
                .isEqualTo(200);
        assertThat(guarded(TokenIssuer.rs256((RSAPrivateKey) rsa.getPrivate()).service("billing").issue()).status())
                .isEqualTo(200);
    }

    @Test
    void hs256WithTheServersSecret_stillVerifies() {
        assertThat(guarded(t.tokens().service("billing").issue()).status()).isEqualTo(200);
    }

    @Test
    void aTokenOfAnUnknownKey_is401() throws Exception {
        String token = TokenIssuer.ecdsa((ECPrivateKey) ec("secp256r1").getPrivate()).service("intruder").issue();

        TestServer.Reply reply = guarded(token);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("auth/unauthorized");
        assertThat(reply.body()).contains("signature is invalid");
    }

    @Test
    void aPublicKeyUsedAsAnHmacSecret_isRefused() throws Exception {
        // The "algorithm confusion" attack: sign HS256 with the public key's bytes, hoping the server
        // verifies with whatever key it has. HS256 is only ever checked against the shared secret.
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("intruder").claim("ctype", "service").build());
        forged.sign(new MACSigner(rsa.getPublic().getEncoded()));

        TestServer.Reply reply = guarded(forged.serialize());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).contains("signature is invalid");
    }

    @Test
    void anAlgorithmWithoutAKey_is401_namingWhatIsAccepted() throws Exception {
        String token = TokenIssuer.ecdsa((ECPrivateKey) ec("secp521r1").getPrivate()).service("intruder").issue();

        TestServer.Reply reply = guarded(token);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).contains("signed with ES512").contains("[ES256, ES384, HS256, RS256]");
    }

    @Test
    void unusableKeys_areRefusedWhenConfigured() throws Exception {
        ServerConfig config = ServerConfig.port(0);
        KeyPair weakRsa = rsa(1024);
        KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        assertThatThrownBy(() -> config.jwtPublicKey(weakRsa.getPublic()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
        assertThatThrownBy(() -> config.jwtPublicKey(ed25519.getPublic()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EC or RSA");
        assertThatThrownBy(() -> TokenIssuer.rs256((RSAPrivateKey) weakRsa.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
    }
}
