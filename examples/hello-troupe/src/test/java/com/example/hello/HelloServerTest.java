package com.example.hello;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server the main method starts, on a free port and a fresh SQLite store, called over HTTP. */
class HelloServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheGuestbookOverHttp(@TempDir Path data) throws Exception {
        try (HelloServer server = HelloServer.start(data, 0)) {
            URI lobby = server.uri().resolve("/v1/actors/guestbook/");

            URI sign = lobby.resolve("actions/sign?key=lobby");
            HttpResponse<String> signed = post(sign, "{\"args\":[\"Ada\",\"hello\"]}");
            assertThat(signed.statusCode()).isEqualTo(200);
            assertThat(signed.body()).isEqualTo("{\"output\":{\"number\":1,\"name\":\"Ada\",\"message\":\"hello\"}}");

            HttpResponse<String> view = get(lobby.resolve("view?key=lobby"));
            assertThat(view.statusCode()).isEqualTo(200);
            assertThat(view.body())                       // canonical JSON: keys in order
                    .startsWith("{\"view\":{\"entries\":[{\"message\":\"hello\",\"name\":\"Ada\",\"number\":1}]},")
                    .endsWith(",\"seq\":0}");

            HttpResponse<String> refused = post(sign, "{\"args\":[\"\",\"hi\"]}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("\"group\":\"user\"", "\"code\":\"name_required\"");
        }
    }

    private HttpResponse<String> post(URI uri, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
