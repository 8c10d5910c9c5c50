package dev.troupe.server.http;

import dev.troupe.ActorError;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.jspecify.annotations.Nullable;

/**
 * What Jetty reports about a request it cannot serve, as the wire error of the matching catalogue
 * code: a status Jetty's error handler is asked to answer (a malformed request line, an unsupported
 * HTTP version, headers too large), or an {@link HttpException} Jetty throws while serving (an
 * incomplete WebSocket handshake, say). A client's mistake keeps Jetty's 4xx status and gets a
 * {@code request/…} code; only Jetty's own faults are {@code actor/internal_error}. Stateless.
 */
public final class JettyErrors {
    private JettyErrors() {
    }

    /** The wire error for a status Jetty answers with {@code reason} (its message, or null). */
    static TroupeException forStatus(int status, @Nullable String reason) {
        String text = reason == null || reason.isBlank() ? "HTTP " + status : reason;
        return switch (status) {
            case 413 -> new TroupeException(ErrorCode.TOO_LARGE, text, Map.of("status", status));
            case 426 -> new TroupeException(ErrorCode.UPGRADE_REQUIRED,
                    "this server speaks HTTP/1.1 (and HTTP/1.0) only; HTTP/2 is not offered", Map.of("status", status));
            case 501 -> new TroupeException(ErrorCode.NOT_IMPLEMENTED, text, Map.of("status", status));
            case 503 -> new TroupeException(ErrorCode.UNAVAILABLE, text);
            case 505 -> new TroupeException(ErrorCode.UNSUPPORTED_VERSION,
                    "the HTTP version is not supported; use HTTP/1.1", Map.of("status", status));
            default -> status >= 400 && status < 500
                    ? new TroupeException(new ActorError(ErrorCode.INVALID_REQUEST.group(),
                            ErrorCode.INVALID_REQUEST.code(), text, Map.of("status", status)), status)
                    : new TroupeException(ErrorCode.INTERNAL_ERROR, "internal error; see the server log");
        };
    }

    /** The wire error for a Jetty {@link HttpException} anywhere in {@code failure}'s causes, or null. */
    public static @Nullable TroupeException of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http) {
                return forStatus(http.getCode(), http.getReason());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
