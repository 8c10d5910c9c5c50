package dev.troupe.rivetkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.io.IOException;

/**
 * CBOR to JSON trees and back, with Jackson's CBOR data format. Reading accepts what RivetKit's
 * encoder (cbor-x) writes: non-minimal lengths, byte strings tagged 64 (a {@code Uint8Array}), 64-bit
 * and bignum integers; a document must be exactly one value, and duplicate map keys are refused.
 * Thread-safe.
 */
final class Cbor {
    private static final CBORMapper MAPPER = CBORMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectReader READER = MAPPER.readerFor(JsonNode.class);
    private static final ObjectWriter WRITER = MAPPER.writerFor(JsonNode.class);

    private Cbor() {
    }

    /**
     * The value of a CBOR document.
     *
     * @param what names the document in the error ("the body", "rvt-input")
     * @throws TroupeException {@code request/invalid_request} if it is not exactly one well-formed value
     */
    static JsonNode read(byte[] bytes, String what) {
        if (bytes.length == 0) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, what + " is empty; expected one CBOR value");
        }
        try {
            JsonNode node = READER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, what + " holds no CBOR value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, what + " is not well-formed CBOR: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, what + " is not readable CBOR: " + e.getMessage());
        }
    }

    /** The CBOR document of a value. */
    static byte[] write(JsonNode value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises to CBOR", e);
        }
    }
}
