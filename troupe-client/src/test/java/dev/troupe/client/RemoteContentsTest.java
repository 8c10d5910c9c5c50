package dev.troupe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.AccessRule;
import dev.troupe.ContentHash;
import dev.troupe.ErrorCode;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TokenIssuer;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.CounterActor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java client's content store against a real server: upload, fetch, labels, access, limits. */
class RemoteContentsTest {
    private static final byte[] SECRET = "contents-test-secret-contents-test-secret".getBytes(StandardCharsets.UTF_8);
    private static final int LIMIT = 1024 * 1024;
    private static Troupe troupe;
    private static TroupeServer server;
    private static TroupeClient service;
    private static TroupeClient client;

    @BeforeAll
    static void start() {
        troupe = Troupe.builder().store(new MemoryStore()).register(CounterActor.class).maxContentSize(LIMIT)
                .contentAccess((caller, operation) -> operation.equals(AccessRule.CONTENT_READ))
                .build();
        server = TroupeServer.start(troupe, ServerConfig.port(0).jwtSecret(SECRET));
        TokenIssuer tokens = TokenIssuer.hs256(SECRET);
        service = TroupeClient.builder(server.uri()).token(tokens.service("backend").issue()).build();
        client = TroupeClient.builder(server.uri()).token(tokens.client("browser").issue()).build();
    }

    @AfterAll
    static void stop() {
        service.close();
        client.close();
        server.close();
        troupe.close();
    }

    @Test
    void bytesGoUpAndComeBackByHash_andTheSameBytesAreOneObject() {
        byte[] bytes = "a module".getBytes(StandardCharsets.UTF_8);

        ContentHash hash = service.contents().put(bytes);

        assertThat(hash).isEqualTo(ContentHash.of(bytes));
        assertThat(service.contents().put(new ByteArrayInputStream(bytes))).isEqualTo(hash);
        assertThat(client.contents().bytes(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
        assertThat(client.contents().bytes(ContentHash.of(new byte[] {1}))).isEmpty();
    }

    @Test
    void largeContentStreamsBothWays() throws IOException {
        byte[] large = new byte[LIMIT];
        new Random(9).nextBytes(large);

        ContentHash hash = service.contents().put(new ByteArrayInputStream(large));

        try (InputStream in = client.contents().open(hash).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(large);
        }
    }

    @Test
    void oversizedContentFailsWithTheStableCode() {
        assertThatThrownBy(() -> service.contents().put(new byte[LIMIT + 1]))
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.is(ErrorCode.CONTENT_TOO_LARGE)).isTrue();
                    assertThat(e.status()).isEqualTo(413);
                });
    }

    @Test
    void labelsMoveAndAreDeleted() {
        ContentHash one = service.contents().put("one".getBytes(StandardCharsets.UTF_8));
        ContentHash two = service.contents().put("two".getBytes(StandardCharsets.UTF_8));

        service.contents().putLabel("current", one);
        service.contents().putLabel("current", two);

        assertThat(client.contents().label("current")).contains(two);
        service.contents().deleteLabel("current");
        assertThat(client.contents().label("current")).isEmpty();
        assertThatThrownBy(() -> service.contents().putLabel("current", ContentHash.of(new byte[] {7})))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.CONTENT_NOT_FOUND)).isTrue());
    }

    @Test
    void aClientTheRuleDoesNotAllowIsForbidden() {
        assertThatThrownBy(() -> client.contents().put("x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
        assertThatThrownBy(() -> client.contents().putLabel("l", ContentHash.of(new byte[0])))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
    }
}
