package dev.troupe.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import dev.troupe.server.TokenIssuer;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Protocol;
import dev.troupe.server.protocol.Route;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * DEMO ONLY, never for production: {@code POST /demo-sign-in} hands anybody a short-lived client token
 * for the identity they ask for, so that each browser of the demo has a caller identity of its own
 * (the todo list's owner is its creator). Body {@code {"id": "guest-…"}} signs in again as that id;
 * {@code {}} picks a fresh {@code guest-…} id. Answers {@code {"id", "token", "expiresInSeconds"}}.
 *
 * <p>The tokens are signed with {@link #SECRET}, a constant that is public in this source file, so
 * that identities survive a restart of the demo server; anyone can forge them, which is why this
 * exists in the demo only.
 */
final class DemoSignIn implements Protocol {
    /** The demo's fixed HS256 secret: public, so only good for a demo. */
    static final byte[] SECRET = "troupe-demo-only-secret-do-not-use-in-production".getBytes(StandardCharsets.UTF_8);
    /** How long a demo token is valid; the web app signs in again before it ends. */
    static final Duration TOKEN_TTL = Duration.ofMinutes(15);

    private static final String PATH = "/demo-sign-in";
    private static final Pattern ID = Pattern.compile("guest-[a-z0-9]{1,32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenIssuer tokens = TokenIssuer.hs256(SECRET);

    @Override
    public String pathPrefix() {
        return PATH;
    }

    @Override
    public @Nullable Route route(String path) {
        return path.equals(PATH) ? Route.of(PATH, List.of("POST"), this::signIn) : null;
    }

    private void signIn(Exchange ex) {
        ObjectNode body = ex.jsonObjectBody(Set.of("id"));
        String id = id(body.get("id"));
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("id", id);
        answer.put("token", tokens.client(id).expiresIn(TOKEN_TTL).issue());
        answer.put("expiresInSeconds", TOKEN_TTL.toSeconds());
        ex.json(200, answer);
    }

    private static String id(@Nullable JsonNode requested) {
        if (requested == null || requested.isNull()) {
            byte[] bytes = new byte[6];
            RANDOM.nextBytes(bytes);
            return "guest-" + HexFormat.of().formatHex(bytes);
        }
        if (!requested.isTextual() || !ID.matcher(requested.asText()).matches()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST,
                    "a demo id is 'guest-' and 1 to 32 lower-case letters or digits", Map.of("id", requested.toString()));
        }
        return requested.asText();
    }
}
