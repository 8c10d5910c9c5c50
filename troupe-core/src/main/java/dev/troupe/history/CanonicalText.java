package dev.troupe.history;

/*
 * Whether a JSON text is already its own RFC 8785 canonical form, found in one pass over its
 * characters without building a tree: the state hash of such a text is the SHA-256 of the text
 * itself, so the turn path need not parse the state it has just serialised and write it again.
 *
 * The answer is conservative: yes only for texts built from objects whose members are strictly sorted
 * by name (UTF-16 code units, as RFC 8785 sorts them), arrays, strings without escapes, control
 * characters or surrogates, integers of at most 15 digits (below 2^53, so the double a JavaScript
 * reader gets is the integer and ECMAScript writes its plain digits), true, false and null, with no
 * whitespace. Anything else (a fraction, an exponent, an escape, a long integer, members in another
 * order, nesting deeper than MAX_DEPTH) answers no, and the caller canonicalises the parsed value
 * instead, which gives the same bytes whenever the answer here is yes. Jackson's compact output of a
 * state of integers, strings and nested records with sorted names is canonical in this sense.
 */
final class CanonicalText {
    /** Integers of at most this many digits are below 2^53 (about 9.007 * 10^15). */
    private static final int MAX_DIGITS = 15;
    /** Deeper nesting answers no rather than recursing further. */
    private static final int MAX_DEPTH = 64;

    private final String text;
    private int at;

    private CanonicalText(String text) {
        this.text = text;
    }

    /** Whether {@code json} is exactly the RFC 8785 canonical JSON of the value it denotes (see above). */
    static boolean isCanonical(String json) {
        CanonicalText scan = new CanonicalText(json);
        return scan.value(0) && scan.at == json.length();
    }

    private boolean value(int depth) {
        if (at >= text.length() || depth > MAX_DEPTH) {
            return false;
        }
        return switch (text.charAt(at)) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string() >= 0;
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> integer();
        };
    }

    private boolean object(int depth) {
        at++;
        if (next('}')) {
            return true;
        }
        int previousStart = -1;
        int previousEnd = -1;
        do {
            int start = at + 1;
            int end = string();
            if (end < 0 || previousStart >= 0 && compare(previousStart, previousEnd, start, end) >= 0
                    || !next(':') || !value(depth + 1)) {
                return false;
            }
            previousStart = start;
            previousEnd = end;
        } while (next(','));
        return next('}');
    }

    private boolean array(int depth) {
        at++;
        if (next(']')) {
            return true;
        }
        do {
            if (!value(depth + 1)) {
                return false;
            }
        } while (next(','));
        return next(']');
    }

    /** Consumes a string without escapes; the index of its closing quote, or -1 if it is not such a string. */
    private int string() {
        if (!next('"')) {
            return -1;
        }
        for (int i = at; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                at = i + 1;
                return i;
            }
            if (c == '\\' || c < ' ' || Character.isSurrogate(c)) {
                return -1;
            }
        }
        return -1;
    }

    private boolean integer() {
        int start = at;
        if (at < text.length() && text.charAt(at) == '-') {
            at++;
        }
        int digits = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        int count = at - digits;
        if (count == 0 || count > MAX_DIGITS || text.charAt(digits) == '0' && (count > 1 || digits > start)) {
            return false;
        }
        return at == text.length() || text.charAt(at) != '.' && text.charAt(at) != 'e' && text.charAt(at) != 'E';
    }

    private boolean literal(String word) {
        if (!text.startsWith(word, at)) {
            return false;
        }
        at += word.length();
        return true;
    }

    private boolean next(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    /** Compares the member names at [aStart, aEnd) and [bStart, bEnd) by UTF-16 code units. */
    private int compare(int aStart, int aEnd, int bStart, int bEnd) {
        int length = Math.min(aEnd - aStart, bEnd - bStart);
        for (int i = 0; i < length; i++) {
            int difference = text.charAt(aStart + i) - text.charAt(bStart + i);
            if (difference != 0) {
                return difference;
            }
        }
        return (aEnd - aStart) - (bEnd - bStart);
    }
}
