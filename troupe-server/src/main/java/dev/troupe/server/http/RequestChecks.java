package dev.troupe.server.http;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP/1.1 rules every gateway route shares, checked once before routing, for what Jetty lets
 * through but the protocol refuses:
 * <ul>
 *   <li>a transfer coding other than {@code chunked} ({@code 501 request/not_implemented}, RFC 9112
 *       §6.1): Jetty removes the chunked framing but would hand the route the still-encoded body;</li>
 *   <li>path parameters ({@code /actions/increment;x=1}), which Jetty strips, so that the path would
 *       name another route than the one written ({@code 400 request/invalid_request});</li>
 *   <li>raw bytes in the request target that are not UTF-8, which Jetty replaces with U+FFFD, so that
 *       different keys would name one actor ({@code 400 request/invalid_request}, as the
 *       percent-encoded form already is).</li>
 * </ul>
 * Stateless.
 */
public final class RequestChecks {
    private static final char REPLACEMENT = '\uFFFD';

    private RequestChecks() {
    }

    /** Throws the wire error of the first rule {@code request} breaks. */
    public static void check(Request request) {
        checkTransferCoding(request);
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath();
        if (path != null && path.indexOf(';') >= 0) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "path parameters (';…' in a path segment) are not "
                    + "allowed; percent-encode ';' as %3B if it is meant", Map.of("path", path));
        }
        if (hasReplacement(path) || hasReplacement(uri.getQuery())) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST,
                    "the request target holds bytes that are not UTF-8; send UTF-8, percent-encoded");
        }
    }

    private static void checkTransferCoding(Request request) {
        for (String coding : request.getHeaders().getCSV(HttpHeader.TRANSFER_ENCODING, false)) {
            if (!coding.trim().toLowerCase(Locale.ROOT).equals("chunked")) {
                throw new TroupeException(ErrorCode.NOT_IMPLEMENTED, "the transfer coding '" + coding.trim()
                        + "' is not supported; send the body as is or chunked", Map.of("transferCoding", coding.trim()));
            }
        }
    }

    private static boolean hasReplacement(@Nullable String text) {
        return text != null && text.indexOf(REPLACEMENT) >= 0;
    }
}
