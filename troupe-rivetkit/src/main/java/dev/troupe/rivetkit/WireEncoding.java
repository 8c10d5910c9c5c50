package dev.troupe.rivetkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One of the three encodings of RivetKit's client protocol, chosen by the client per connection
 * ({@code rivet_encoding.<name>} subprotocol) or per HTTP action ({@code x-rivet-encoding} header):
 * {@code json} (text, values in {@link JsonCompat} form), {@code cbor} (the same message shapes as
 * CBOR) and {@code bare} (the client's default: BARE messages behind a two-byte version, values as
 * CBOR of their compat form). Implementations are stateless and thread-safe.
 */
sealed interface WireEncoding permits JsonEncoding, CborEncoding, BareEncoding {

    /** The encoding's name on the wire. */
    String name();

    /** Whether messages travel as binary WebSocket frames (else as text). */
    boolean binary();

    /** The {@code Content-Type} of HTTP action answers. */
    String contentType();

    /**
     * A message from the client.
     *
     * @throws TroupeException {@code request/invalid_request} or {@code request/invalid_json} naming what
     *                         is malformed
     */
    ToServer readMessage(byte[] payload);

    /** A message to the client. */
    byte[] writeMessage(ToClient message);

    /**
     * A message to the client as the socket's outbound queue carries it: the JSON text for a text
     * encoding, the Latin-1 form of the bytes (one char per byte) for a binary one.
     */
    default String writeFrame(ToClient message) {
        return new String(writeMessage(message), StandardCharsets.ISO_8859_1);
    }

    /**
     * The arguments of a stateless HTTP action, from its request body.
     *
     * @throws TroupeException {@code request/invalid_request} or {@code request/invalid_json}
     */
    JsonNode readActionArgs(byte[] body);

    /** The body of a stateless HTTP action's answer. */
    byte[] writeActionOutput(JsonNode output);

    /**
     * The encoding called {@code name}; absent means {@code json}, as RivetKit's own server assumes.
     *
     * @throws TroupeException {@code request/invalid_request} for another name
     */
    static WireEncoding named(@Nullable String name) {
        if (name == null) {
            return JsonEncoding.INSTANCE;
        }
        return switch (name) {
            case "json" -> JsonEncoding.INSTANCE;
            case "cbor" -> CborEncoding.INSTANCE;
            case "bare" -> BareEncoding.INSTANCE;
            default -> throw new TroupeException(ErrorCode.INVALID_REQUEST, "unknown RivetKit encoding '" + name
                    + "'; expected json, cbor or bare", Map.of("encoding", name));
        };
    }
}
