package dev.troupe.rivetkit;

import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.server.auth.Authenticator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who a RivetKit request comes from. RivetKit's client sends its token in several places at once: in
 * the URL ({@code rvt-token}, {@code /gateway/{id}@token}) and in a header ({@code x-rivet-token},
 * {@code Authorization: Bearer}, the {@code rivet_token.} subprotocol). Every copy must be the same
 * token; a token that appears in the URL must expire within
 * {@link Authenticator#MAX_QUERY_TOKEN_LIFETIME}, as URLs end up in logs and histories. No token is the
 * anonymous caller. Stateless.
 */
final class Credentials {

    private Credentials() {
    }

    /**
     * The caller named by the token copies.
     *
     * @param inUrl    the token found in the URL, or null
     * @param inHeader the token found in a header, or null
     * @throws TroupeException {@code auth/unauthorized} for a token that does not verify,
     *                         {@code request/invalid_request} if the copies differ
     */
    static Caller caller(Authenticator authenticator, @Nullable String inUrl, @Nullable String inHeader) {
        if (inUrl != null && inHeader != null && !Objects.equals(inUrl, inHeader)) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST,
                    "the request carries two different tokens (one in the URL, one in a header); send one token");
        }
        if (inUrl != null) {
            return authenticator.fromQueryToken(inUrl);
        }
        return inHeader == null ? Authenticator.anonymous() : authenticator.verify(inHeader);
    }

    /**
     * The one token of several headers that may each carry it ({@code x-rivet-token}, the bearer of
     * {@code Authorization}), or null.
     *
     * @throws TroupeException {@code request/invalid_request} if they differ, {@code auth/unauthorized}
     *                         for an Authorization header of another scheme
     */
    static @Nullable String headerToken(@Nullable String rivetToken, @Nullable String authorization) {
        @Nullable String bearer = null;
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new TroupeException(ErrorCode.UNAUTHORIZED, "the Authorization header must use the Bearer scheme");
            }
            bearer = authorization.substring(7).trim();
        }
        Map<String, String> copies = new LinkedHashMap<>();
        if (rivetToken != null) {
            copies.put("x-rivet-token", rivetToken.trim());
        }
        if (bearer != null) {
            copies.put("Authorization", bearer);
        }
        if (copies.values().stream().distinct().count() > 1) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST,
                    "x-rivet-token and Authorization carry different tokens; send one token");
        }
        return copies.values().stream().findFirst().orElse(null);
    }
}
