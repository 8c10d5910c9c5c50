package dev.troupe.rivetkit;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** A request's query parameters, every value of each in order. Stateless. */
final class Query {

    private Query() {
    }

    /**
     * The parameters of {@code request}.
     *
     * @throws TroupeException {@code request/invalid_request} if the query string is malformed
     */
    static Map<String, List<String>> of(Request request) {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "the query string is malformed: " + e.getMessage());
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            query.put(field.getName(), List.copyOf(field.getValues()));
        }
        return query;
    }

    /**
     * Checks that {@code namespace}, if given once, names the namespace served.
     *
     * @throws TroupeException {@code request/invalid_request} otherwise
     */
    static void checkNamespace(Map<String, List<String>> query, String served) {
        List<String> values = query.get("namespace");
        if (values != null && (values.size() != 1 || !values.getFirst().equals(served))) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "namespace must be given once and be '" + served
                    + "', the only namespace this server serves", Map.of("parameter", "namespace"));
        }
    }
}
