package dev.troupe.runtime;

import dev.troupe.AccessRule;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.ContentHash;
import dev.troupe.ContentInfo;
import dev.troupe.Contents;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's contents as one caller may use them: each operation asks the content rule first for a
 * client caller, and refuses a caller whose token is restricted to one actor (its claims name a type),
 * since content belongs to no actor. Collection is for system and service callers only.
 */
final class CallerContents implements Contents {
    private final Contents contents;
    private final Caller caller;
    private final AccessRule rule;

    CallerContents(Contents contents, Caller caller, AccessRule rule) {
        this.contents = contents;
        this.caller = caller;
        this.rule = rule;
    }

    @Override
    public ContentInfo put(InputStream bytes, @Nullable ContentHash expected) throws IOException {
        check(AccessRule.CONTENT_WRITE);
        return contents.put(bytes, expected);
    }

    @Override
    public Optional<ContentInfo> info(ContentHash hash) {
        check(AccessRule.CONTENT_READ);
        return contents.info(hash);
    }

    @Override
    public Optional<InputStream> open(ContentHash hash) {
        check(AccessRule.CONTENT_READ);
        return contents.open(hash);
    }

    @Override
    public Optional<ContentHash> label(String name) {
        check(AccessRule.CONTENT_READ);
        return contents.label(name);
    }

    @Override
    public void putLabel(String name, ContentHash hash) {
        check(AccessRule.CONTENT_LABEL);
        contents.putLabel(name, hash);
    }

    @Override
    public boolean deleteLabel(String name) {
        check(AccessRule.CONTENT_LABEL);
        return contents.deleteLabel(name);
    }

    @Override
    public int collect(Duration grace) {
        if (caller.type() == CallerType.CLIENT) {
            throw forbidden("content collection is for system and service callers", "#content-collect");
        }
        return contents.collect(grace);
    }

    @Override
    public long maxSize() {
        return contents.maxSize();
    }

    private void check(String operation) {
        if (caller.claims().containsKey(Caller.SCOPE_TYPE)) {
            throw forbidden("the token is restricted to one actor and may not use the content store", operation);
        }
        if (caller.type() == CallerType.CLIENT && !rule.allows(caller, operation)) {
            throw forbidden(caller.type().wireName() + " caller '" + caller.id() + "' may not " + operation, operation);
        }
    }

    private static TroupeException forbidden(String message, String operation) {
        return new TroupeException(ErrorCode.FORBIDDEN, message, Map.of("operation", operation));
    }
}
