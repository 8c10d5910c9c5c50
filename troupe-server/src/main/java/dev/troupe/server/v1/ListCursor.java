package dev.troupe.server.v1;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code cursor} of the actor listing: where the next page starts, opaque to clients. It holds the
 * last actor id of the page before (base64url of {@code v1:<id>}), so a page starts after that id in
 * id order whether or not that actor still exists; the {@code v1:} lets a later form be told apart.
 * Stateless.
 */
final class ListCursor {
    private static final String FORM = "v1:";

    private ListCursor() {
    }

    /** The cursor of the page after the actor {@code lastId}. */
    static String after(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((FORM + lastId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The actor id a cursor starts after.
     *
     * @throws TroupeException {@code request/invalid_cursor} if the server did not hand it out
     */
    static String lastId(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor);
        }
        if (!text.startsWith(FORM)) {
            throw invalid(cursor);
        }
        try {
            return Addressing.checkId(text.substring(FORM.length()));
        } catch (TroupeException e) {
            throw invalid(cursor);
        }
    }

    private static TroupeException invalid(String cursor) {
        return new TroupeException(ErrorCode.INVALID_CURSOR, "cursor is not one this server handed out: pass the "
                + "'next' of the page before unchanged, or no cursor for the first page", Map.of("cursor", cursor));
    }
}
