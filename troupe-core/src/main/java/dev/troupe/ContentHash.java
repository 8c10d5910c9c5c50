package dev.troupe;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The address of a piece of content: the SHA-256 of its bytes, written as 64 lowercase hexadecimal
 * digits. Equal bytes have equal hashes, so a hash names the same bytes wherever it is stored; the
 * content behind it never changes. A value, comparable by {@link #hex()}.
 *
 * @param hex the 64 lowercase hexadecimal digits of the SHA-256
 */
public record ContentHash(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * Checks the form.
     *
     * @throws TroupeException {@code content/invalid_hash} if {@code hex} is not 64 lowercase hexadecimal digits
     */
    public ContentHash {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new TroupeException(ErrorCode.CONTENT_INVALID_HASH,
                    "a content hash is the SHA-256 of the bytes as 64 lowercase hexadecimal digits",
                    Map.of("hash", hex == null ? "" : hex.length() > 80 ? hex.substring(0, 80) : hex));
        }
    }

    /** The hash of {@code bytes}. */
    public static ContentHash of(byte[] bytes) {
        return ofDigest(sha256().digest(bytes));
    }

    /** The hash whose 32-byte SHA-256 digest is {@code digest}. */
    public static ContentHash ofDigest(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + digest.length);
        }
        return new ContentHash(HexFormat.of().formatHex(digest));
    }

    /** A new SHA-256 digest, for hashing content as it streams past. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The hexadecimal digits. */
    @Override
    public String toString() {
        return hex;
    }
}
