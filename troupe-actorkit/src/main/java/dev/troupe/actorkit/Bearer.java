package dev.troupe.actorkit;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import org.jspecify.annotations.Nullable;

/** The token of an {@code Authorization: Bearer} header, as Actor Kit's HTTP requests carry it. Stateless. */
final class Bearer {
    private static final String SCHEME = "Bearer ";

    private Bearer() {
    }

    /**
     * The token, or null without a header.
     *
     * @throws TroupeException {@code auth/unauthorized} for another scheme
     */
    static @Nullable String of(@Nullable String authorization) {
        if (authorization == null) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new TroupeException(ErrorCode.UNAUTHORIZED, "the Authorization header must use the Bearer scheme");
        }
        return authorization.substring(SCHEME.length()).trim();
    }
}
