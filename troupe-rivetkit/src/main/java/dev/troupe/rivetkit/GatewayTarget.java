package dev.troupe.rivetkit;

import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.host.CreateMode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The actor a {@code /gateway/{target}/…} request is for, from the target path segment and the
 * {@code rvt-*} query parameters, checked as RivetKit's gateway checks them: a segment with
 * {@code rvt-method} is an actor name queried by key; otherwise it is an actor id, optionally followed
 * by {@code @token}. Unknown {@code rvt-*} parameters, repeated ones and parameters the method does not
 * take are refused. Immutable.
 */
sealed interface GatewayTarget {
    /** Every {@code rvt-*} parameter RivetKit 2.3.19's client sends. */
    Set<String> PARAMETERS = Set.of("rvt-namespace", "rvt-method", "rvt-runner", "rvt-key", "rvt-input",
            "rvt-crash-policy", "rvt-region", "rvt-token", "rvt-skip-ready-wait");
    /** The crash policies RivetKit names; Troupe actors restart on their next call whatever is chosen. */
    Set<String> CRASH_POLICIES = Set.of("sleep", "restart", "destroy");

    /** The token the target carries ({@code rvt-token} or {@code @token}), or null. */
    @Nullable String token();

    /**
     * An actor by name and key: {@code rvt-method=get} or {@code getOrCreate}.
     *
     * @param name  the actor type
     * @param key   the key parts
     * @param mode  whether a missing actor is created
     * @param input the creation input ({@code rvt-input}), used only if this request creates the actor
     * @param token the {@code rvt-token}, or null
     */
    record ByKey(String name, List<String> key, CreateMode mode, Input input, @Nullable String token)
            implements GatewayTarget {
    }

    /**
     * An actor by id.
     *
     * @param actorId the actor id
     * @param token   the {@code @token} of the path, or null
     */
    record ById(String actorId, @Nullable String token) implements GatewayTarget {
    }

    /**
     * Parses a target.
     *
     * @param segment   the path segment after {@code /gateway/}, decoded
     * @param query     every query parameter with its values, in order
     * @param namespace the only namespace served
     * @throws TroupeException {@code request/invalid_request} naming the parameter that is wrong
     */
    static GatewayTarget parse(String segment, Map<String, List<String>> query, String namespace) {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (name.startsWith("rvt-") && !PARAMETERS.contains(name)) {
                throw invalid("unknown gateway parameter '" + name + "'; RivetKit's are " + PARAMETERS, name);
            }
            if (parameter.getValue().size() > 1) {
                throw invalid("gateway parameter '" + name + "' may appear once", name);
            }
        }
        @Nullable String method = value(query, "rvt-method");
        if (method == null) {
            return byId(segment, query);
        }
        if (!namespace.equals(value(query, "rvt-namespace"))) {
            throw invalid("rvt-namespace must be '" + namespace + "', the only namespace this server serves", "rvt-namespace");
        }
        checkSkipReadyWait(query);
        CreateMode mode = switch (method) {
            case "get" -> CreateMode.GET;
            case "getOrCreate" -> CreateMode.GET_OR_CREATE;
            default -> throw invalid("rvt-method must be 'get' or 'getOrCreate', got '" + method + "'", "rvt-method");
        };
        if (mode == CreateMode.GET) {
            for (String creating : List.of("rvt-runner", "rvt-input", "rvt-crash-policy", "rvt-region")) {
                if (query.containsKey(creating)) {
                    throw invalid(creating + " is only for rvt-method=getOrCreate", creating);
                }
            }
        } else {
            if (value(query, "rvt-runner") == null || value(query, "rvt-runner").isEmpty()) {
                throw invalid("rvt-method=getOrCreate needs rvt-runner", "rvt-runner");
            }
            String policy = value(query, "rvt-crash-policy");
            if (policy != null && !CRASH_POLICIES.contains(policy)) {
                throw invalid("rvt-crash-policy must be one of " + CRASH_POLICIES + ", got '" + policy + "'",
                        "rvt-crash-policy");
            }
        }
        String key = value(query, "rvt-key");
        String input = value(query, "rvt-input");
        return new ByKey(segment, key == null ? List.of() : ActorKeys.fromGateway(key), mode,
                input == null ? Input.none() : Input.of(input(input)), value(query, "rvt-token"));
    }

    private static GatewayTarget byId(String segment, Map<String, List<String>> query) {
        for (String name : query.keySet()) {
            if (name.startsWith("rvt-") && !name.equals("rvt-skip-ready-wait")) {
                throw invalid("'" + name + "' needs rvt-method: an actor id is addressed by the path alone"
                        + " (/gateway/{actorId}[@{token}]/…)", name);
            }
        }
        checkSkipReadyWait(query);
        int at = segment.indexOf('@');
        String id = at < 0 ? segment : segment.substring(0, at);
        String token = at < 0 ? null : segment.substring(at + 1);
        if (id.isEmpty() || (token != null && token.isEmpty())) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "the gateway target must be an actor id, optionally"
                    + " followed by @token, or an actor name with rvt-method");
        }
        return new ById(id, token);
    }

    private static void checkSkipReadyWait(Map<String, List<String>> query) {
        String skip = value(query, "rvt-skip-ready-wait");
        if (skip != null && !skip.equals("true") && !skip.equals("false")) {
            throw invalid("rvt-skip-ready-wait must be 'true' or 'false', got '" + skip + "'", "rvt-skip-ready-wait");
        }
    }

    /** {@code rvt-input}: base64url (padding optional) of the CBOR of the input's compat form. */
    private static com.fasterxml.jackson.databind.JsonNode input(String encoded) {
        byte[] cbor;
        try {
            cbor = Base64.getUrlDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw invalid("rvt-input must be base64url: " + e.getMessage(), "rvt-input");
        }
        try {
            return JsonCompat.revive(Cbor.read(cbor, "rvt-input"));
        } catch (TroupeException e) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, e.getMessage(), Map.of("parameter", "rvt-input"));
        }
    }

    private static @Nullable String value(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static TroupeException invalid(String message, String parameter) {
        return new TroupeException(ErrorCode.INVALID_REQUEST, message, Map.of("parameter", parameter));
    }
}
