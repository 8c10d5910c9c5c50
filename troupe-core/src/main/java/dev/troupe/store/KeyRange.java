package dev.troupe.store;

import dev.troupe.Key;
import java.util.List;

/**
 * The keys that begin with a prefix ({@link Key#startsWith}), as bounds on their {@link Key#toJson()
 * canonical text}, for stores that index that text: a key begins with the prefix exactly when its text
 * equals {@link #exact} or lies in {@code [from, to)}.
 *
 * <p>Why one range suffices: the canonical text of {@code ["acme","general"]} is the prefix's text
 * {@code ["acme"]} with its closing {@code ]} replaced by {@code ,} and more parts after it. A JSON
 * string literal ends at its first unescaped quote, so that text can only begin with {@code ["acme",}
 * if its first part is exactly {@code acme}; and since {@code ,} (U+002C) and {@code -} (U+002D) are
 * adjacent, every such text sorts in {@code [["acme",, ["acme"-)} by code point, by UTF-8 byte and by
 * UTF-16 unit alike (SQLite's {@code BINARY}, PostgreSQL's {@code "C"} collation, {@code String}).
 *
 * @param exact the text of the prefix itself
 * @param from  the least text of a longer key beginning with the prefix (inclusive)
 * @param to    the bound above every such text (exclusive)
 */
public record KeyRange(String exact, String from, String to) {

    /** The range of the keys beginning with {@code prefix}; for the empty key, every key's text. */
    public static KeyRange of(Key prefix) {
        String exact = prefix.toJson();
        String open = exact.substring(0, exact.length() - 1);
        return prefix.size() == 0 ? new KeyRange(exact, open, "\\") : new KeyRange(exact, open + ",", open + "-");
    }

    /**
     * The SQL condition that a text {@code column} holds a key of this range, with three {@code ?}
     * placeholders to bind to {@link #parameters()} in order. Needs a binary collation (SQLite's
     * default; PostgreSQL's {@code "C"}).
     */
    public static String condition(String column) {
        return "(" + column + " = ? OR (" + column + " >= ? AND " + column + " < ?))";
    }

    /** The values of {@link #condition}'s placeholders, in order: {@link #exact}, {@link #from}, {@link #to}. */
    public List<String> parameters() {
        return List.of(exact, from, to);
    }
}
