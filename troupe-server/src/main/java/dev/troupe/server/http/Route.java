package dev.troupe.server.http;

/**
 * A matched route of wire protocol v1: its kind, its template (the metrics label) and its path
 * variables. Matching is exact: no trailing slashes, no empty segments, no decoding of the type or
 * action names.
 *
 * @param kind     what the route does
 * @param template the path template, such as {@code /v1/actors/{type}/actions/{action}}
 * @param type     the actor type segment, or empty
 * @param action   the action segment, or empty
 */
record Route(Kind kind, String template, String type, String action) {

    /** The routes. */
    enum Kind { HEALTH, METRICS, OPENAPI, ACTION, ACTOR, VIEW, EVENTS, CONNECT, UNMATCHED }

    private static final String ACTORS = "/v1/actors/";

    /** The route for a path. */
    static Route match(String path) {
        switch (path) {
            case "/healthz" -> {
                return new Route(Kind.HEALTH, path, "", "");
            }
            case "/metrics" -> {
                return new Route(Kind.METRICS, path, "", "");
            }
            case "/v1/openapi.json" -> {
                return new Route(Kind.OPENAPI, path, "", "");
            }
            default -> {
                if (!path.startsWith(ACTORS)) {
                    return unmatched();
                }
            }
        }
        String[] parts = path.substring(ACTORS.length()).split("/", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return unmatched();
            }
        }
        String type = parts[0];
        if (parts.length == 1) {
            return new Route(Kind.ACTOR, "/v1/actors/{type}", type, "");
        }
        if (parts.length == 2) {
            return switch (parts[1]) {
                case "view" -> new Route(Kind.VIEW, "/v1/actors/{type}/view", type, "");
                case "events" -> new Route(Kind.EVENTS, "/v1/actors/{type}/events", type, "");
                case "connect" -> new Route(Kind.CONNECT, "/v1/actors/{type}/connect", type, "");
                default -> unmatched();
            };
        }
        if (parts.length == 3 && parts[1].equals("actions")) {
            return new Route(Kind.ACTION, "/v1/actors/{type}/actions/{action}", type, parts[2]);
        }
        return unmatched();
    }

    private static Route unmatched() {
        return new Route(Kind.UNMATCHED, "unmatched", "", "");
    }
}
