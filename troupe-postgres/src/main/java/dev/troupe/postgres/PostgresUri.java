package dev.troupe.postgres;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A libpq-style connection URI, {@code postgresql://[user[:password]@]host[:port][,host2[:port2]…]/database[?param=value&…]}
 * (the scheme {@code postgres://} is accepted too), translated into what JDBC needs.
 *
 * <p>The user, password and database may be percent-encoded; IPv6 hosts go in brackets. Query
 * parameters are passed to the PostgreSQL JDBC driver unchanged, so those it shares with libpq
 * ({@code sslmode}, {@code connectTimeout}, …) work. {@link #toString()} never shows the password.
 *
 * @param jdbcUrl  the equivalent {@code jdbc:postgresql://} URL, without the user and password
 * @param user     the user name, or null if the URI names none
 * @param password the password, or null if the URI has none
 */
public record PostgresUri(String jdbcUrl, @Nullable String user, @Nullable String password) {

    /** Checks that the JDBC URL is present. */
    public PostgresUri {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /**
     * Parses a connection URI.
     *
     * @throws IllegalArgumentException if {@code uri} is not a {@code postgresql://} URI with a host
     *                                  and a database; the message says what is wrong but never
     *                                  repeats the password
     */
    public static PostgresUri parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        String rest = stripScheme(uri);
        int pathStart = indexOfAny(rest, "/?");
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String pathAndQuery = pathStart < 0 ? "" : rest.substring(pathStart);

        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? null : authority.substring(0, at);
        String hosts = authority.substring(at + 1);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a PostgreSQL URI needs a host, as in postgresql://host:5432/database");
        }

        int queryStart = pathAndQuery.indexOf('?');
        String path = queryStart < 0 ? pathAndQuery : pathAndQuery.substring(0, queryStart);
        String query = queryStart < 0 ? "" : pathAndQuery.substring(queryStart);
        String database = path.startsWith("/") ? decode(path.substring(1), "database") : "";
        if (database.isEmpty()) {
            throw new IllegalArgumentException("a PostgreSQL URI needs a database, as in postgresql://"
                    + hosts + "/database");
        }

        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user");
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password");
        }
        String jdbcUrl = "jdbc:postgresql://" + hosts + "/" + encodePathSegment(database) + query;
        return new PostgresUri(jdbcUrl, user == null || user.isEmpty() ? null : user, password);
    }

    private static String stripScheme(String uri) {
        for (String scheme : new String[] {"postgresql://", "postgres://"}) {
            if (uri.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return uri.substring(scheme.length());
            }
        }
        throw new IllegalArgumentException("not a PostgreSQL URI (expected postgresql://…): "
                + redactUserInfo(uri));
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(String text, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            int percent = text.indexOf('%', i);
            int literalEnd = percent < 0 ? text.length() : percent;
            bytes.writeBytes(text.substring(i, literalEnd).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            int high = percent + 2 < text.length() ? Character.digit(text.charAt(percent + 1), 16) : -1;
            int low = percent + 2 < text.length() ? Character.digit(text.charAt(percent + 2), 16) : -1;
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("the " + what + " in the PostgreSQL URI has a '%' that is not"
                        + " followed by two hex digits");
            }
            bytes.write(high << 4 | low);
            i = percent + 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the " + what + " in the PostgreSQL URI does not decode to UTF-8", e);
        }
    }

    private static String encodePathSegment(String database) {
        StringBuilder out = new StringBuilder();
        for (byte b : database.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c < 0x80 && Character.isLetterOrDigit(c)) || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String redactUserInfo(String uri) {
        int at = uri.lastIndexOf('@');
        int schemeEnd = uri.indexOf("://");
        return at < 0 || schemeEnd < 0 || at < schemeEnd ? uri : uri.substring(0, schemeEnd + 3) + "…@" + uri.substring(at + 1);
    }

    /** The URI's parts, with the password masked. */
    @Override
    public String toString() {
        return "PostgresUri[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
    }
}
