package dev.troupe.moduletest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.moduletest.actors.Guestbook;
import dev.troupe.moduletest.actors.GuestbookActor;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.StoreLocation;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.ModuleDescriptor;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Troupe as a user's named module sees it: the modules resolve by their declared names, only API
 * and SPI packages are exported, the services (the runtime, the SQLite store) are found through
 * {@code provides}, and an actor in the user's module runs, persists and is served over HTTP.
 */
class ModulePathTest {
    @TempDir
    Path data;

    @Test
    void everythingRuns_asNamedModules() {
        assertThat(GuestbookActor.class.getModule().getName()).isEqualTo("dev.troupe.moduletest");
        assertThat(Troupe.class.getModule().getName()).isEqualTo("dev.troupe.core");
        assertThat(StoreLocation.class.getModule().getDescriptor().isAutomatic()).isFalse();
        assertThat(TroupeServer.class.getModule().getName()).isEqualTo("dev.troupe.server");
    }

    @Test
    void onlyTheApiAndSpiPackages_areExported() {
        Module core = Troupe.class.getModule();

        assertThat(core.getDescriptor().exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("dev.troupe", "dev.troupe.definition", "dev.troupe.host",
                        "dev.troupe.history", "dev.troupe.json", "dev.troupe.schema", "dev.troupe.store");
        assertThat(core.isExported("dev.troupe.runtime")).isFalse();
        assertThat(ModuleLayer.boot().findModule("dev.troupe.sqlite")).get()
                .satisfies(sqlite -> assertThat(sqlite.getDescriptor().exports())
                        .extracting(ModuleDescriptor.Exports::source).containsExactly("dev.troupe.sqlite"));
    }

    @Test
    void anActorOfTheUsersModule_persistsAcrossARestart() {
        Key key = Key.of("module", "restart");
        try (Troupe troupe = open()) {
            Guestbook book = troupe.actor(Guestbook.class, key);
            assertThat(book.sign("ada")).isEqualTo(1);
            assertThat(book.sign("grace")).isEqualTo(2);
        }
        try (Troupe troupe = open()) {
            assertThat(troupe.actor(Guestbook.class, key).names()).containsExactly("ada", "grace");
        }
    }

    /** Over {@link HttpURLConnection}, which is in java.base: this module reads nothing else of the JDK. */
    @Test
    void anActorOfTheUsersModule_isServedOverHttp() throws Exception {
        try (Troupe troupe = open();
             TroupeServer server = TroupeServer.start(troupe, ServerConfig.port(0).host("127.0.0.1"))) {
            URI sign = URI.create("http://127.0.0.1:" + server.port()
                    + "/v1/actors/guestbook/actions/sign?key=module&key=http");
            HttpURLConnection request = (HttpURLConnection) sign.toURL().openConnection();
            request.setRequestMethod("POST");
            request.setRequestProperty("content-type", "application/json");
            request.setDoOutput(true);
            try (OutputStream body = request.getOutputStream()) {
                body.write("{\"args\":[\"ada\"]}".getBytes(StandardCharsets.UTF_8));
            }

            assertThat(request.getResponseCode()).isEqualTo(200);
            try (InputStream answer = request.getInputStream()) {
                assertThat(new String(answer.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"output\":1}");
            }
        }
    }

    private Troupe open() {
        return Troupe.builder()
                .store(StoreLocation.open(data.toString()))
                .register(GuestbookActor.class, type -> type.allow(CallerType.CLIENT))
                .build();
    }
}
