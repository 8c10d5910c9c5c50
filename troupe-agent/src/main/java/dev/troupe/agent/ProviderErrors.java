package dev.troupe.agent;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Maps what a provider answered onto the {@code agent} error codes, the same way for every provider. */
final class ProviderErrors {
    private ProviderErrors() {
    }

    /**
     * The error for an HTTP answer with {@code status} (0 when there was none) and the provider's own
     * error type and message, if it sent them.
     */
    static TroupeException of(String provider, int status, @Nullable String type, @Nullable String message,
                              @Nullable Throwable cause) {
        ErrorCode code = switch (status) {
            case 429 -> ErrorCode.AGENT_RATE_LIMITED;
            case 503, 529 -> ErrorCode.AGENT_OVERLOADED;
            case 400, 404, 413, 422 -> ErrorCode.AGENT_REQUEST_REJECTED;
            default -> "overloaded_error".equals(type) ? ErrorCode.AGENT_OVERLOADED
                    : "rate_limit_error".equals(type) ? ErrorCode.AGENT_RATE_LIMITED : ErrorCode.AGENT_PROVIDER_ERROR;
        };
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("provider", provider);
        if (status > 0) {
            metadata.put("providerStatus", status);
        }
        if (type != null) {
            metadata.put("providerType", type);
        }
        String text = provider + (status > 0 ? " answered " + status : " failed")
                + (message == null || message.isBlank() ? "" : ": " + message);
        TroupeException error = new TroupeException(code, text, metadata);
        if (cause != null) {
            error.addSuppressed(cause); // TroupeException takes no cause beside metadata; kept for the log
        }
        return error;
    }
}
