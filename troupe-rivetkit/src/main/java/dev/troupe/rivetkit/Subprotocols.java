package dev.troupe.rivetkit;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.server.wire.Targets;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What RivetKit's client says in the {@code Sec-WebSocket-Protocol} list of a connect: {@code rivet}
 * (always), {@code rivet_encoding.<json|cbor|bare>}, {@code rivet_conn_params.<URL-encoded JSON>},
 * {@code rivet_token.<token>}, {@code rivet_target.actor} with {@code rivet_actor.<id>}, {@code
 * rivet_skip_ready_wait} and {@code rivet_test_ack_hook.<id>} (sent under vitest; ignored). Any other
 * entry, or one given twice, is refused.
 *
 * @param encoding the encoding (json when not named)
 * @param params   the conn params
 * @param token    the token of {@code rivet_token.}, or null
 * @param actorId  the actor of {@code rivet_actor.}, or null
 */
record Subprotocols(WireEncoding encoding, Map<String, Object> params, @Nullable String token,
                    @Nullable String actorId) {
    /** The subprotocol the server selects. */
    static final String STANDARD = "rivet";

    /**
     * Parses the offered subprotocols.
     *
     * @throws TroupeException {@code request/invalid_request} naming the entry that is wrong
     */
    static Subprotocols parse(List<String> offered) {
        WireEncoding encoding = JsonEncoding.INSTANCE;
        Map<String, Object> params = Map.of();
        String token = null;
        String actorId = null;
        String target = null;
        Set<String> seen = new HashSet<>();
        for (String entry : offered) {
            int dot = entry.indexOf('.');
            String kind = dot < 0 ? entry : entry.substring(0, dot + 1);
            String value = dot < 0 ? "" : entry.substring(dot + 1);
            if (!seen.add(kind)) {
                throw invalid("the subprotocol " + kind + " is offered twice");
            }
            switch (kind) {
                case STANDARD, "rivet_skip_ready_wait", "rivet_test_ack_hook." -> {
                }
                case "rivet_encoding." -> encoding = WireEncoding.named(value);
                case "rivet_conn_params." -> params = params(value);
                case "rivet_token." -> token = nonEmpty(kind, value);
                case "rivet_target." -> {
                    if (!value.equals("actor")) {
                        throw invalid("rivet_target must be 'actor', got '" + value + "'");
                    }
                    target = value;
                }
                case "rivet_actor." -> actorId = nonEmpty(kind, value);
                default -> throw new TroupeException(ErrorCode.INVALID_REQUEST, "unknown subprotocol '" + entry
                        + "'; RivetKit's are rivet, rivet_encoding., rivet_conn_params., rivet_token., rivet_target.,"
                        + " rivet_actor., rivet_skip_ready_wait and rivet_test_ack_hook.", Map.of("subprotocol", kind));
            }
        }
        if ((target == null) != (actorId == null)) {
            throw invalid("rivet_target.actor and rivet_actor.<id> go together");
        }
        return new Subprotocols(encoding, params, token, actorId);
    }

    private static Map<String, Object> params(String encoded) {
        String json;
        try {
            json = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("rivet_conn_params must be URL-encoded JSON: " + e.getMessage());
        }
        return Targets.params(Targets.parse(json));
    }

    private static String nonEmpty(String kind, String value) {
        if (value.isEmpty()) {
            throw invalid("the subprotocol " + kind + " needs a value");
        }
        return value;
    }

    private static TroupeException invalid(String message) {
        return new TroupeException(ErrorCode.INVALID_REQUEST, message);
    }
}
