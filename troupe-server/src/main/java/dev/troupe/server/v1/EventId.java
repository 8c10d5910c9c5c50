package dev.troupe.server.v1;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code id:} of a server-sent event: the stream it was sent on and its position in that stream,
 * {@code <stream>-<seq>}. The stream part is 128 random bits drawn when the stream opens, so an id
 * never names a stream of another actor, of an earlier activation or of another server process; the
 * position counts the stream's events from 1 (0 is the position before the first event).
 *
 * @param stream the stream's id, 22 base64url characters
 * @param seq    the position in the stream
 */
record EventId(String stream, long seq) {
    private static final Pattern FORM = Pattern.compile("([A-Za-z0-9_-]{22})-(0|[1-9][0-9]{0,17})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SHOWN = 100;

    /** A fresh stream id. Thread-safe. */
    static String newStream() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The id a client resumes from, as its {@code Last-Event-ID} header says, or null without one (an
     * empty value is none, as EventSource sends it after an empty {@code id:}).
     *
     * @throws TroupeException {@code 400 request/invalid_request} if the value is not an id of this form
     */
    static @Nullable EventId lastEventId(@Nullable String header) {
        if (header == null || header.isEmpty()) {
            return null;
        }
        Matcher matcher = FORM.matcher(header);
        if (!matcher.matches()) {
            String shown = header.length() > SHOWN ? header.substring(0, SHOWN) + "…" : header;
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "Last-Event-ID must be an event id this server "
                    + "sent ('<stream>-<position>'), got '" + shown + "'; reconnect without it to start a new stream",
                    Map.of("header", "Last-Event-ID"));
        }
        return new EventId(matcher.group(1), Long.parseLong(matcher.group(2)));
    }

    /** The {@code id:} value. */
    @Override
    public String toString() {
        return stream + "-" + seq;
    }
}
