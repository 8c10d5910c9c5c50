package dev.troupe.rivetkit;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads the BARE primitives RivetKit's client protocol uses (<a href="https://baremessages.org">BARE</a>,
 * as {@code @rivetkit/bare-ts} writes them): {@code u8}, {@code u16} little-endian, {@code uint}
 * (LEB128, canonical, at most 64 bits), {@code bool} (0 or 1), {@code str} (a length and strict
 * UTF-8), {@code data} (a length and bytes) and {@code optional<T>} (a 0/1 flag). Every malformation is
 * a {@code request/invalid_request} naming the offset. Not thread-safe: one per message.
 */
final class BareReader {
    private static final int MAX_UINT_BYTES = 10;
    private final byte[] bytes;
    private int offset;

    BareReader(byte[] bytes) {
        this.bytes = bytes;
    }

    int u8() {
        need(1);
        return bytes[offset++] & 0xff;
    }

    int u16() {
        return u8() | (u8() << 8);
    }

    long uint() {
        long value = 0;
        int start = offset;
        for (int i = 0; i < MAX_UINT_BYTES; i++) {
            int b = u8();
            if (i == MAX_UINT_BYTES - 1 && b > 1) {
                throw malformed(start, "a uint longer than 64 bits");
            }
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw malformed(start, "a uint in non-canonical form");
                }
                return value;
            }
        }
        throw malformed(start, "a uint longer than 64 bits");
    }

    boolean bool() {
        int start = offset;
        return switch (u8()) {
            case 0 -> false;
            case 1 -> true;
            default -> throw malformed(start, "a bool that is neither 0 nor 1");
        };
    }

    /** Reads an {@code optional<T>} flag: whether a value follows. */
    boolean present() {
        int start = offset;
        return switch (u8()) {
            case 0 -> false;
            case 1 -> true;
            default -> throw malformed(start, "an optional flag that is neither 0 nor 1");
        };
    }

    byte[] data() {
        int length = length();
        byte[] out = new byte[length];
        System.arraycopy(bytes, offset, out, 0, length);
        offset += length;
        return out;
    }

    String string() {
        int start = offset;
        int length = length();
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
            offset += length;
            return text;
        } catch (CharacterCodingException e) {
            throw malformed(start, "a string that is not UTF-8");
        }
    }

    /** Checks that the whole message was read. */
    void end() {
        if (offset != bytes.length) {
            throw malformed(offset, (bytes.length - offset) + " bytes after the end of the message");
        }
    }

    private int length() {
        int start = offset;
        long length = uint();
        if (length > bytes.length - offset) {
            throw malformed(start, "a length of " + length + " with only " + (bytes.length - offset) + " bytes left");
        }
        return (int) length;
    }

    private void need(int count) {
        if (bytes.length - offset < count) {
            throw malformed(offset, "the message ends early");
        }
    }

    private static TroupeException malformed(int at, String problem) {
        return new TroupeException(ErrorCode.INVALID_REQUEST, "malformed BARE message at byte " + at + ": " + problem,
                Map.of("offset", at));
    }
}
