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
        Object type = claims.get(Caller.SCOPE_TYPE);
        if (type != null && !type.equals(address.type())) {
            throw new TroupeException(ErrorCode.FORBIDDEN, "the token is restricted to actor type '" + type + "'",
                    Map.of("type", address.type()));
        }
        Object key = claims.get(Caller.SCOPE_KEY);
        if (key != null && !key.equals(address.key().parts())) {
            throw new TroupeException(ErrorCode.FORBIDDEN, "the token is restricted to another actor key",
                    Map.of("type", address.type()));
        }
    }
}
