package dev.troupe.server.http;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * Serves a directory of static files (a web app) at {@code /}, with {@code index.html} for
 * directories. API paths (those of the mounted protocols, such as {@code /v1/…}, and {@code /healthz}
 * and {@code /metrics}) are never looked up on disk: they pass straight to the gateway, as do files
 * that do not exist.
 */
public final class StaticFiles extends ResourceHandler {
    private final Predicate<String> api;

    /**
     * A handler for {@code directory}, resolved through {@code server}'s resource factory, that leaves
     * the paths {@code api} accepts to the gateway.
     */
    public StaticFiles(Server server, Path directory, Predicate<String> api) {
        this.api = api;
        setBaseResource(ResourceFactory.of(server).newResource(directory));
        setWelcomeFiles(List.of("index.html"));
        setDirAllowed(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (api.test(Request.getPathInContext(request))) {
            return false;
        }
        return super.handle(request, response, callback);
    }
}
