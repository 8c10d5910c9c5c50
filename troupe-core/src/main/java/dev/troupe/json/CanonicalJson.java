package dev.troupe.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The canonical JSON of a view and its checksum, computed the same way by the gateway, the Java client
 * and (in TypeScript) the browser client, so that a client can check the view it assembled from
 * patches.
 *
 * <p>Canonical JSON is the JSON Canonicalization Scheme of RFC 8785: compact (no whitespace), with
 * the members of every object sorted by name (by UTF-16 code units, as {@link String#compareTo}) at
 * every depth, strings escaped as ECMAScript's {@code JSON.stringify} escapes them (the short escapes,
 * other control characters as <code>&#92;u00xx</code> in lower-case hex, nothing else), and every
 * number written as ECMAScript's {@code Number.prototype.toString} writes the double a JavaScript
 * client parses from the wire ({@code 1.0} becomes {@code 1}, {@code 1e21} becomes {@code 1e+21}).
 * The checksum is the lower-case hex SHA-256 of its UTF-8 bytes, an unpaired surrogate encoded as
 * U+FFFD (as {@code TextEncoder} encodes it). Thread-safe.
 */
public final class CanonicalJson {
    /** Turns views into trees, with the members of objects and maps already in name order. */
    private static final JsonMapper SORTED = Json.mapper().rebuild()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();
    /** ECMAScript writes decimal notation for exponents up to this, exponent notation beyond. */
    private static final int MAX_PLAIN_EXPONENT = 21;
    /** ECMAScript writes decimal notation for exponents above this, exponent notation at and below. */
    private static final int MIN_PLAIN_EXPONENT = -6;
    /**
     * Up to 2^53 every integer is a double exactly, and ECMAScript writes it as its plain digits: the
     * fast path for the integers that make up most of a state (counters, ids, sizes).
     */
    private static final double MAX_EXACT_INTEGER = 0x1p53;
    /** The SHA-256 digest the checksums clone; never updated itself. */
    private static final MessageDigest SHA_256 = newSha256();
    /** RFC 8785 writes the hex digits of a <code>&#92;u</code> escape in lower case. */
    private static final String HEX_DIGITS = "0123456789abcdef";

    private CanonicalJson() {
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The view as a JSON tree (null becomes JSON {@code null}) whose strings and member names are
     * well-formed: each unpaired surrogate is replaced by U+FFFD, as a JavaScript client's
     * {@code TextEncoder} would replace it, so that the value sent, the value received and both
     * checksums agree. A tree passed in is not modified.
     */
    public static JsonNode tree(@Nullable Object view) {
        if (view == null) {
            return NullNode.getInstance();
        }
        JsonNode tree = view instanceof JsonNode node ? node : SORTED.valueToTree(view);
        return isWellFormed(tree) ? tree : wellFormed(tree);
    }

    /**
     * {@code text} with every unpaired surrogate replaced by U+FFFD, as JavaScript's
     * {@code String.prototype.toWellFormed} does; {@code text} itself when it has none.
     */
    static String toWellFormed(String text) {
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                if (fixed == null) {
                    fixed = new StringBuilder(text);
                }
                fixed.setCharAt(i, '\uFFFD');
            }
        }
        return fixed == null ? text : fixed.toString();
    }

    private static boolean isWellFormed(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> toWellFormed(node.textValue()) == node.textValue();
            case ARRAY -> {
                for (JsonNode item : node) {
                    if (!isWellFormed(item)) {
                        yield false;
                    }
                }
                yield true;
            }
            case OBJECT -> {
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    if (toWellFormed(member.getKey()) != member.getKey() || !isWellFormed(member.getValue())) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> true;
        };
    }

    private static JsonNode wellFormed(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> TextNode.valueOf(toWellFormed(node.textValue()));
            case ARRAY -> {
                ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
                node.forEach(item -> copy.add(wellFormed(item)));
                yield copy;
            }
            case OBJECT -> {
                ObjectNode copy = JsonNodeFactory.instance.objectNode();
                node.properties().forEach(member -> copy.set(toWellFormed(member.getKey()), wellFormed(member.getValue())));
                yield copy;
            }
            default -> node;
        };
    }

    /** The canonical text of a tree: its RFC 8785 (JCS) serialization. */
    public static String text(JsonNode tree) {
        StringBuilder out = new StringBuilder();
        write(tree, out);
        return out.toString();
    }

    /** The lower-case hex SHA-256 of the tree's canonical text. */
    public static String checksum(JsonNode tree) {
        return HexFormat.of().formatHex(sha256().digest(toWellFormed(text(tree)).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A fresh SHA-256 digest, cloned from {@link #SHA_256}: looking the algorithm up in the providers
     * cost more than hashing a small view.
     */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
        }
    }

    /**
     * How ECMAScript's {@code Number.prototype.toString} writes {@code value}: the shortest decimal that
     * reads back as the same double, in plain notation for decimal exponents from -6 to 21 and in
     * exponent notation ({@code 1e+21}, {@code 1.5e-7}) beyond. Non-finite values have no JSON form and
     * are written {@code null}, as {@code JSON.stringify} does.
     */
    static String ecmaScriptNumber(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        if (value == 0) {
            return "0";
        }
        if (Math.abs(value) <= MAX_EXACT_INTEGER && value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        BigDecimal shortest = shortestDecimal(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale();
        StringBuilder text = new StringBuilder(k + 8);
        if (value < 0) {
            text.append('-');
        }
        if (k <= n && n <= MAX_PLAIN_EXPONENT) {
            text.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= MAX_PLAIN_EXPONENT) {
            text.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (MIN_PLAIN_EXPONENT < n && n <= 0) {
            text.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            text.append(digits.charAt(0));
            if (k > 1) {
                text.append('.').append(digits, 1, k);
            }
            int exponent = n - 1;
            text.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
        return text.toString();
    }

    /**
     * The shortest decimal that reads back as {@code magnitude} (positive, finite), the closest such if
     * several. {@code Double.toString} gives it (JDK 19 and later) except where one digit would do: it
     * then prefers the closest decimal of one or two digits ({@code 4.9E-324} where ECMAScript writes
     * {@code 5e-324}), so one-digit candidates are tried here.
     */
    private static BigDecimal shortestDecimal(double magnitude) {
        BigDecimal java = new BigDecimal(Double.toString(magnitude)).stripTrailingZeros();
        if (java.precision() != 2) {
            return java;
        }
        BigDecimal exact = new BigDecimal(magnitude);
        int exponent = java.precision() - java.scale() - 1;
        int first = java.unscaledValue().intValueExact() / 10;
        BigDecimal best = null;
        int bestDigit = 0;
        for (int digit : new int[] {first, first + 1}) {
            BigDecimal candidate = BigDecimal.valueOf(digit).scaleByPowerOfTen(exponent);
            if (Double.parseDouble(candidate.toString()) != magnitude) {
                continue;
            }
            int closer = best == null ? -1 : candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs());
            if (closer < 0 || closer == 0 && digit % 2 == 0 && bestDigit % 2 != 0) {
                best = candidate;
                bestDigit = digit;
            }
        }
        return best == null ? java : best.stripTrailingZeros();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(node.size());
                node.fieldNames().forEachRemaining(names::add);
                Collections.sort(names);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    quote(names.get(i), out);
                    out.append(':');
                    write(node.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case NUMBER -> out.append(ecmaScriptNumber(asJavaScriptReadsIt(node)));
            case STRING, BINARY -> quote(node.asText(), out);
            case BOOLEAN -> out.append(node.booleanValue());
            case POJO -> write(SORTED.valueToTree(((POJONode) node).getPojo()), out);
            case NULL, MISSING -> out.append("null");
        }
    }

    /**
     * Writes {@code text} as RFC 8785 §3.2.2.2 quotes a string (ECMAScript's {@code JSON.stringify}):
     * {@code \"} and {@code \\}, the short escapes {@code \b \t \n \f \r}, every other control
     * character below U+0020 as <code>&#92;u00xx</code> in lower-case hex, and every other character as itself
     * ({@code /}, DEL, U+2028 and U+2029 included).
     */
    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < ' ') {
                        out.append("\\u00").append(HEX_DIGITS.charAt(c >> 4)).append(HEX_DIGITS.charAt(c & 0xF));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * The double a JavaScript client gets from the text Jackson writes for {@code number}. A float is
     * written with its own shortest digits ({@code 0.1f} as {@code 0.1}), which widening to double
     * would not keep.
     */
    private static double asJavaScriptReadsIt(JsonNode number) {
        return number.isFloat() ? Double.parseDouble(Float.toString(number.floatValue())) : number.doubleValue();
    }
}
