package dev.troupe.runtime;

import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import java.util.Map;

/**
 * The token scope rule: a caller whose claims carry {@link Caller#SCOPE_TYPE} (and
 * {@link Caller#SCOPE_KEY}) may address only that actor type (and key). Checked by the runtime before
 * the type's access rules, for every operation and every transport. Stateless.
 */
final class TokenScope {
    private TokenScope() {
    }

    /**
     * Checks that {@code caller} may address {@code address}.
     *
     * @throws TroupeException {@code auth/forbidden} if the caller is restricted to another type or key
     */
    static void check(Caller caller, Address address) {
        Map<String, Object> claims = caller.claims();
        if (claims.isEmpty()) {
            return;
        }
        checkType(claims, address.type());
        Object key = claims.get(Caller.SCOPE_KEY);
        if (key != null && !key.equals(address.key().parts())) {
            throw new TroupeException(ErrorCode.FORBIDDEN, "the token is restricted to another actor key",
                    Map.of("type", address.type()));
        }
    }

    /**
     * Checks that {@code caller} may list the actors of {@code type}: a token restricted to another
     * type may not, and neither may one restricted to a key, since a listing names the other keys.
     *
     * @throws TroupeException {@code auth/forbidden}
     */
    static void checkListing(Caller caller, String type) {
        Map<String, Object> claims = caller.claims();
        if (claims.isEmpty()) {
            return;
        }
        checkType(claims, type);
        if (claims.get(Caller.SCOPE_KEY) != null) {
            throw new TroupeException(ErrorCode.FORBIDDEN, "the token is restricted to one actor key, so it may not "
                    + "list the actors of its type", Map.of("type", type));
        }
    }

    private static void checkType(Map<String, Object> claims, String type) {
        Object scoped = claims.get(Caller.SCOPE_TYPE);
        if (scoped != null && !scoped.equals(type)) {
            throw new TroupeException(ErrorCode.FORBIDDEN, "the token is restricted to actor type '" + scoped + "'",
                    Map.of("type", type));
        }
    }
}
