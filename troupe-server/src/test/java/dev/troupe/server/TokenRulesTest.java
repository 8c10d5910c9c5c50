package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issuer and audience checks, the bounded clock skew, and verification keys from a JWK set (a file,
 * or a URL served over real HTTP on 127.0.0.1, with a rotated-in key picked up): each refusal is
 * {@code 401 auth/unauthorized} with a message naming the claim or key (issue #12).
 */
class TokenRulesTest {
    private static final String GUARDED = "/v1/actors/test-lifecycle/actions/note?key=token-rules";
    private static final String NOTE = "{\"args\":[\"hi\"]}";
    private static final TokenIssuer SHARED = TokenIssuer.hs256(TestServer.SECRET);

    @TempDir
    Path directory;

    private static TestServer.Reply guarded(TestServer t, String token) {
        return t.post(GUARDED, NOTE, "Authorization", "Bearer " + token);
    }

    private static void assertRefused(TestServer t, String token, String message) {
        TestServer.Reply reply = guarded(t, token);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("auth/unauthorized");
        assertThat(reply.json().get("message").asText()).isEqualTo(message);
    }

    @Test
    void aRequiredIssuer_acceptsItsTokens_andRefusesForeignAndMissingOnes() {
        try (TestServer t = TestServer.start(config -> config.jwtIssuer("https://id.example.com/"))) {
            assertThat(guarded(t, SHARED.issuer("https://id.example.com/").service("billing").issue()).status())
                    .isEqualTo(200);
            assertThat(guarded(t, t.server.tokenIssuer().service("billing").issue()).status())
                    .as("the server's own issuer names the issuer").isEqualTo(200);

            assertRefused(t, SHARED.issuer("https://evil.example.com/").service("billing").issue(),
                    "the token's issuer (iss) 'https://evil.example.com/' is not 'https://id.example.com/'");
            assertRefused(t, SHARED.service("billing").issue(),
                    "the token has no issuer (iss); this server requires 'https://id.example.com/'");
        }
    }

    @Test
    void aRequiredAudience_acceptsTokensThatIncludeIt_andRefusesForeignAndMissingOnes() {
        try (TestServer t = TestServer.start(config -> config.jwtAudience("troupe"))) {
            assertThat(guarded(t, SHARED.audience("troupe").service("billing").issue()).status()).isEqualTo(200);
            assertThat(guarded(t, SHARED.service("billing").claim("aud", List.of("other", "troupe")).issue())
                    .status()).isEqualTo(200);
            assertThat(guarded(t, t.server.tokenIssuer().service("billing").issue()).status()).isEqualTo(200);

            assertRefused(t, SHARED.audience("other").service("billing").issue(),
                    "the token's audience (aud) does not include 'troupe'");
            assertRefused(t, SHARED.service("billing").claim("aud", List.of("a", "b")).issue(),
                    "the token's audience (aud) does not include 'troupe'");
            assertRefused(t, SHARED.service("billing").issue(),
                    "the token has no audience (aud); this server requires 'troupe'");
        }
    }

    @Test
    void aClockSkew_acceptsTokensJustExpiredOrJustNotYetValid_andNoMore() {
        try (TestServer t = TestServer.start(config -> config.jwtClockSkew(Duration.ofMinutes(2)))) {
            Instant now = Instant.now();
            assertThat(guarded(t, SHARED.service("billing").expiresAt(now.minusSeconds(30)).issue()).status())
                    .isEqualTo(200);
            assertThat(guarded(t, SHARED.service("billing").claim("nbf", now.plusSeconds(30).getEpochSecond())
                    .issue()).status()).isEqualTo(200);

            TestServer.Reply expired = guarded(t, SHARED.service("billing").expiresAt(now.minusSeconds(600)).issue());
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.json().get("message").asText()).startsWith("the token expired at")
                    .endsWith("(120 s of clock skew allowed)");
            TestServer.Reply early = guarded(t, SHARED.service("billing")
                    .claim("nbf", now.plusSeconds(600).getEpochSecond()).issue());
            assertThat(early.status()).isEqualTo(401);
            assertThat(early.json().get("message").asText()).startsWith("the token is not valid before")
                    .endsWith("(120 s of clock skew allowed)");
        }
    }

    @Test
    void aClockSkewAboveFiveMinutesOrNegative_isRefusedAtConfiguration() {
        assertThatThrownBy(() -> ServerConfig.port(0).jwtClockSkew(Duration.ofMinutes(6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the token clock skew must be between 0 and 300 s, not 360 s");
        assertThatThrownBy(() -> ServerConfig.port(0).jwtClockSkew(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the token clock skew must be between 0 and 300 s, not -1 s");
        assertThat(ServerConfig.port(0).tokenRules().clockSkew()).isZero();
    }

    @Test
    void aKeySetFile_verifiesTokensByKidAndAlgorithm_andRefusesAnUnknownKid() throws Exception {
        ECKey k1 = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("k9").generate();
        Path file = directory.resolve("jwks.json");
        Files.writeString(file, new JWKSet(k1).toString());

        try (TestServer t = TestServer.start(config -> config.jwksFile(file))) {
            assertThat(guarded(t, TokenIssuer.ecdsa(k1.toECPrivateKey()).keyId("k1").service("billing").issue())
                    .status()).isEqualTo(200);
            assertThat(guarded(t, t.server.tokenIssuer().service("billing").issue()).status())
                    .as("HS256 with the secret still verifies").isEqualTo(200);

            assertRefused(t, TokenIssuer.ecdsa(stranger.toECPrivateKey()).keyId("k9").service("billing").issue(),
                    "no key of the server's key set matches the token's kid k9 and algorithm ES256");
            assertRefused(t, TokenIssuer.ecdsa(stranger.toECPrivateKey()).keyId("k1").service("billing").issue(),
                    "the token signature is invalid");
        }
    }

    @Test
    void anHmacKeyInAKeySet_isNeverUsed_hs256StaysWithTheServersSecret() throws Exception {
        byte[] secret = "another-secret-another-secret-32b".getBytes(StandardCharsets.UTF_8);
        Path file = directory.resolve("oct.json");
        Files.writeString(file, new JWKSet(new OctetSequenceKey.Builder(secret).keyID("h1").build()).toString(false));

        try (TestServer t = TestServer.start(config -> config.jwksFile(file))) {
            assertRefused(t, TokenIssuer.hs256(secret).keyId("h1").service("billing").issue(),
                    "the token signature is invalid");
        }
    }

    @Test
    void aKeySetUrl_verifiesTokens_andPicksUpARotatedInKeyByItsKid() throws Exception {
        ECKey k1 = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        ECKey k2 = new ECKeyGenerator(Curve.P_384).keyID("k2").generate();
        AtomicReference<JWKSet> served = new AtomicReference<>(new JWKSet(k1));
        AtomicInteger fetches = new AtomicInteger();
        try (KeySetServer keys = KeySetServer.serve(() -> {
                fetches.incrementAndGet();
                return served.get().toString();
            });
             TestServer t = TestServer.start(config -> config.jwksUrl(keys.uri()))) {
            assertThat(guarded(t, TokenIssuer.ecdsa(k1.toECPrivateKey()).keyId("k1").service("billing").issue())
                    .status()).isEqualTo(200);

            served.set(new JWKSet(List.of(k1, k2)));

            assertThat(guarded(t, TokenIssuer.ecdsa(k2.toECPrivateKey()).keyId("k2").service("billing").issue())
                    .status()).isEqualTo(200);
            assertThat(guarded(t, TokenIssuer.ecdsa(k1.toECPrivateKey()).keyId("k1").service("billing").issue())
                    .status()).isEqualTo(200);
            assertThat(fetches.get()).as("fetched once, then again for the unknown kid").isEqualTo(2);
        }
    }

    @Test
    void anUnreachableKeySetUrl_refusesTheTokensItShouldVerify() throws Exception {
        ECKey k1 = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        URI gone;
        try (KeySetServer keys = KeySetServer.serve(() -> "{}")) {
            gone = keys.uri();
        }
        try (TestServer t = TestServer.start(config -> config.jwksUrl(gone))) {
            assertRefused(t, TokenIssuer.ecdsa(k1.toECPrivateKey()).keyId("k1").service("billing").issue(),
                    "the server's key set cannot be fetched to verify the token");
        }
    }

    @Test
    void aKeySetThatCannotBeRead_orAUrlThatIsNotHttp_isRefusedAtConfiguration() throws IOException {
        Path notJson = Files.writeString(directory.resolve("bad.json"), "not a key set");

        assertThatThrownBy(() -> ServerConfig.port(0).jwksFile(notJson)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the JWK set file " + notJson.toAbsolutePath() + " cannot be read as a JWK set");
        assertThatThrownBy(() -> ServerConfig.port(0).jwksFile(directory.resolve("missing.json")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.port(0).jwksUrl(URI.create("ftp://id.example.com/jwks.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a JWK set URL must be http or https: ftp://id.example.com/jwks.json");
        assertThatThrownBy(() -> ServerConfig.port(0).jwtIssuer("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.port(0).jwtAudience("")).isInstanceOf(IllegalArgumentException.class);
    }
}
