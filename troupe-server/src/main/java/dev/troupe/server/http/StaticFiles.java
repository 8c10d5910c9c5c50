package dev.troupe.server.http;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * Serves a directory of static files (a web app) at {@code /}, with {@code index.html} for
 * directories. API paths ({@code /v1/}, {@code /healthz}, {@code /metrics}) are never looked up on
 * disk: they pass straight to the gateway, as do files that do not exist.
 */
public final class StaticFiles extends ResourceHandler {

    /** A handler for {@code directory}, resolved through {@code server}'s resource factory. */
    public StaticFiles(Server server, Path directory) {
        setBaseResource(ResourceFactory.of(server).newResource(directory));
        setWelcomeFiles(List.of("index.html"));
        setDirAllowed(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.startsWith("/v1/") || path.equals("/v1") || path.equals("/healthz") || path.equals("/metrics")) {
            return false;
        }
        return super.handle(request, response, callback);
    }
}
