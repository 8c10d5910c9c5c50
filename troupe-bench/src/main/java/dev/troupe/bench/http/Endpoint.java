package dev.troupe.bench.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where a load test sends its calls: the scheme, host, port and base path of a server's URL.
 *
 * @param secure   whether to speak TLS
 * @param host     the host name or address
 * @param port     the port (the scheme's default if the URL has none)
 * @param basePath the path the server is mounted under, without a trailing slash ("" at the root)
 */
record Endpoint(boolean secure, String host, int port, String basePath) {

    /**
     * Reads {@code url}.
     *
     * @throws IllegalArgumentException if it is not an absolute http or https URL with a host and
     *                                  without query or fragment
     */
    static Endpoint of(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("--url must be an http or https URL, not '" + url + "'");
        }
        if (url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("--url needs a host and no query or fragment: '" + url + "'");
        }
        boolean secure = scheme.equals("https");
        int port = url.getPort() >= 0 ? url.getPort() : secure ? 443 : 80;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return new Endpoint(secure, url.getHost(), port, path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    SocketFactory sockets() {
        return secure ? SSLSocketFactory.getDefault() : SocketFactory.getDefault();
    }

    /** The value of the {@code Host} header. */
    String hostHeader() {
        return host + ":" + port;
    }

    /** The path of action {@code action} of {@code type} on the single-part key {@code key}. */
    String actionPath(String type, String action, String key) {
        return basePath + "/v1/actors/" + type + "/actions/" + action + "?key=" + key;
    }
}
