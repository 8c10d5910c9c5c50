package dev.troupe.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.fge.jsonpatch.JsonPatch;
import com.github.fge.jsonpatch.JsonPatchException;
import java.io.IOException;

/**
 * Applies the RFC 6902 patch of a view frame to the view the client holds. The applier is
 * java-json-tools' {@code json-patch} (zjsonpatch decodes the last token of a pointer twice, so a key
 * {@code "~1"} was looked up as {@code "/"}); this class first checks that every operation names its
 * pointers, which that library assumes, so that together they pass the whole json-patch-tests suite
 * (docs/decisions/0010-json-patch-library.md). Stateless; the view passed in is never modified.
 */
final class ViewPatch {
    private ViewPatch() {
    }

    /**
     * The view after {@code patch}.
     *
     * @throws JsonPatchException if the patch is malformed or does not apply (a missing member, an index
     *                            out of range, a failed {@code test})
     */
    static JsonNode apply(JsonNode patch, JsonNode view) throws JsonPatchException {
        checkPointers(patch);
        JsonPatch operations;
        try {
            operations = JsonPatch.fromJson(patch);
        } catch (IOException e) {
            throw new JsonPatchException("the patch is malformed: " + e.getMessage(), e);
        }
        return operations.apply(view);
    }

    /** Every operation has a string {@code path}, and {@code move} and {@code copy} a string {@code from}. */
    private static void checkPointers(JsonNode patch) throws JsonPatchException {
        if (!patch.isArray()) {
            throw new JsonPatchException("the patch is not an array of operations");
        }
        for (JsonNode operation : patch) {
            if (!operation.path("path").isTextual()) {
                throw new JsonPatchException("an operation has no string 'path': " + operation);
            }
            String op = operation.path("op").asText();
            if ((op.equals("move") || op.equals("copy")) && !operation.path("from").isTextual()) {
                throw new JsonPatchException("a " + op + " operation has no string 'from': " + operation);
            }
        }
    }
}
