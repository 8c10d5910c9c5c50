package dev.troupe.server.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The text rules of wire protocol v1: JSON on the wire is UTF-8 (RFC 8259 §8.1), decoded strictly
 * (no overlong forms, no encoded surrogates, nothing above U+10FFFF, no UTF-16 or UTF-32), and its
 * strings are well-formed Unicode: a {@code \u005Cud800} escape without its pair is refused, because
 * Java and JavaScript would each turn it into a different character and their view checksums would
 * never agree. Every failure is {@code request/invalid_json}. Stateless and thread-safe.
 */
final class WellFormedText {
    private static final int BOM = 0xFEFF;

    private WellFormedText() {
    }

    /** Whether every byte is ASCII other than NUL: such bytes are UTF-8 that every parser reads alike. */
    static boolean isPlainAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The text of strictly decoded UTF-8 bytes, without a leading byte order mark (which RFC 8259 lets
     * a parser ignore).
     *
     * @throws TroupeException {@code request/invalid_json} naming the offset of the first bad byte
     */
    static String decode(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw invalid("the text is not UTF-8: it holds a NUL byte at offset " + i
                        + ", as UTF-16 and UTF-32 text do; JSON on the wire is UTF-8 (RFC 8259)", i);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw invalid("the text is not well-formed UTF-8: bad byte 0x"
                    + Integer.toHexString(bytes[in.position()] & 0xFF) + " at offset " + in.position(), in.position());
        }
        decoder.flush(out);
        out.flip();
        if (out.hasRemaining() && out.charAt(0) == BOM) {
            out.get();
        }
        return out.toString();
    }

    /**
     * Checks that every string and member name in {@code node} is well-formed UTF-16: each surrogate
     * is half of a pair.
     *
     * @throws TroupeException {@code request/invalid_json} for a lone surrogate
     */
    static JsonNode requireWellFormed(JsonNode node) {
        if (node.isTextual()) {
            check(node.textValue());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                check(member.getKey());
                requireWellFormed(member.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                requireWellFormed(item);
            }
        }
        return node;
    }

    private static void check(String text) {
        int lone = loneSurrogate(text);
        if (lone >= 0) {
            throw new TroupeException(ErrorCode.INVALID_JSON, "a string holds the unpaired surrogate \\u"
                    + Integer.toHexString(text.charAt(lone)) + "; JSON strings on the wire must be well-formed Unicode",
                    Map.of("surrogate", "\\u" + Integer.toHexString(text.charAt(lone))));
        }
    }

    /** The index of the first surrogate that is not half of a pair, or -1. */
    static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static TroupeException invalid(String message, int offset) {
        return new TroupeException(ErrorCode.INVALID_JSON, message, Map.of("offset", offset));
    }
}
