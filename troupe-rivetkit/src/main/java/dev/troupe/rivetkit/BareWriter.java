package dev.troupe.rivetkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the BARE primitives of RivetKit's client protocol, the counterpart of {@link BareReader}.
 * Not thread-safe: one per message.
 */
final class BareWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    BareWriter u8(int value) {
        out.write(value);
        return this;
    }

    BareWriter u16(int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
        return this;
    }

    BareWriter uint(long value) {
        long rest = value;
        while ((rest & ~0x7fL) != 0) {
            out.write((int) ((rest & 0x7f) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
        return this;
    }

    BareWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    BareWriter data(byte[] value) {
        uint(value.length);
        out.writeBytes(value);
        return this;
    }

    BareWriter string(String value) {
        return data(value.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
