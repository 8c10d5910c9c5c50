package dev.troupe.runtime;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/*
 * The SQL an actor hands to Sql, split into statements and checked against what would break the sandbox
 * or the turn's transaction, before SQLite sees it.
 *
 * A small lexer, not a parser: it knows SQLite's comments, string literals and quoted identifiers, so
 * that a ';' or a keyword inside them counts for nothing, and the BEGIN ... END body of CREATE TRIGGER
 * (whose ';' do not end the statement). Only bare words are keywords: a table quoted as "attach" is a
 * name. Refused, as sql/forbidden:
 *   - ATTACH and DETACH (another database, outside the actor's image);
 *   - BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE (the turn owns the transaction);
 *   - VACUUM, VACUUM INTO (rewrites the image, writes files);
 *   - PRAGMA, except reading the schema-inspection pragmas in READ_PRAGMAS (no '=' and no argument list
 *     that sets something);
 *   - CREATE TEMP / TEMPORARY objects (the temp schema is not part of the image, so they would vanish);
 *   - load_extension(...) anywhere.
 * SQLite enforces the same from below (no attached databases allowed, extensions off), so a statement
 * the lexer misreads fails anyway; the lexer is there for a precise error.
 */
final class SqlText {
    private static final Set<String> FORBIDDEN_FIRST = Set.of("ATTACH", "DETACH", "BEGIN", "COMMIT", "END",
            "ROLLBACK", "SAVEPOINT", "RELEASE", "VACUUM");
    private static final Set<String> READ_PRAGMAS = Set.of("TABLE_INFO", "TABLE_XINFO", "TABLE_LIST", "INDEX_LIST",
            "INDEX_INFO", "INDEX_XINFO", "FOREIGN_KEY_LIST", "FOREIGN_KEY_CHECK", "INTEGRITY_CHECK", "QUICK_CHECK",
            "USER_VERSION", "PAGE_COUNT", "PAGE_SIZE", "FREELIST_COUNT", "COLLATION_LIST", "FUNCTION_LIST");
    /** The read pragmas that an argument would set. */
    private static final Set<String> SETTABLE_PRAGMAS = Set.of("USER_VERSION", "PAGE_SIZE");
    /** The first words of statements that only read. */
    private static final Set<String> READING = Set.of("SELECT", "VALUES", "EXPLAIN", "PRAGMA");

    private SqlText() {
    }

    /** One statement: its text, and whether it only reads. */
    record Statement(String text, boolean reads) {
    }

    private enum Kind { WORD, QUOTED, STRING, SEMICOLON, OTHER }

    private record Token(Kind kind, String text) {
        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }
    }

    /**
     * The statements of {@code sql}, in order, empty ones left out.
     *
     * @throws TroupeException {@code sql/forbidden} if one of them is refused, {@code sql/error} if the text
     *                         does not end (an open string or comment) or has no statement
     */
    static List<Statement> statements(String sql) {
        List<Statement> statements = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        int start = 0;
        int depth = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end;
            Kind kind;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? sql.length() : eol + 1;
                continue;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) {
                    throw error("the SQL ends inside a /* comment");
                }
                i = close + 2;
                continue;
            } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
                end = quoted(sql, i, c == '[' ? ']' : c);
                kind = c == '\'' ? Kind.STRING : Kind.QUOTED;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                end = i + 1;
                while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                kind = Kind.WORD;
            } else {
                end = i + 1;
                kind = c == ';' ? Kind.SEMICOLON : Kind.OTHER;
            }
            Token token = new Token(kind, sql.substring(i, end));
            if (kind == Kind.SEMICOLON && depth == 0) {
                add(statements, tokens, sql.substring(start, i));
                tokens.clear();
                start = end;
            } else {
                tokens.add(token);
                if (trigger(tokens) && (token.is("BEGIN") || token.is("CASE"))) {
                    depth++;
                } else if (depth > 0 && token.is("END")) {
                    depth--;
                }
            }
            i = end;
        }
        add(statements, tokens, sql.substring(start));
        if (statements.isEmpty()) {
            throw error("the SQL has no statement");
        }
        return statements;
    }

    private static int quoted(String sql, int from, char close) {
        int i = from + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == close) {
                if (close != ']' && i + 1 < sql.length() && sql.charAt(i + 1) == close) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw error("the SQL ends inside a quoted " + (close == '\'' ? "string" : "name"));
    }

    private static boolean trigger(List<Token> tokens) {
        int at = 1;
        if (tokens.size() > at && (tokens.get(at).is("TEMP") || tokens.get(at).is("TEMPORARY"))) {
            at++;
        }
        return tokens.getFirst().is("CREATE") && tokens.size() > at && tokens.get(at).is("TRIGGER");
    }

    private static void add(List<Statement> statements, List<Token> tokens, String text) {
        if (tokens.isEmpty()) {
            return;
        }
        check(tokens);
        Token first = tokens.getFirst();
        statements.add(new Statement(text.strip(), first.kind() == Kind.WORD
                && READING.contains(first.text().toUpperCase(Locale.ROOT))));
    }

    private static void check(List<Token> tokens) {
        int at = 0;
        if (tokens.getFirst().is("EXPLAIN")) {
            at = tokens.size() > 2 && tokens.get(1).is("QUERY") && tokens.get(2).is("PLAN") ? 3 : 1;
        }
        if (at < tokens.size() && tokens.get(at).kind() == Kind.WORD) {
            String first = tokens.get(at).text().toUpperCase(Locale.ROOT);
            if (FORBIDDEN_FIRST.contains(first)) {
                throw forbidden(first, switch (first) {
                    case "ATTACH", "DETACH" -> "an actor's SQL has only its own database";
                    case "VACUUM" -> "the image is kept by the runtime";
                    default -> "the turn owns the transaction: a turn's statements commit with it or roll back "
                            + "if it throws";
                });
            }
            if (first.equals("PRAGMA")) {
                checkPragma(tokens, at + 1);
            }
            if (first.equals("CREATE") && at + 1 < tokens.size()
                    && (tokens.get(at + 1).is("TEMP") || tokens.get(at + 1).is("TEMPORARY"))) {
                throw forbidden("CREATE TEMP", "temporary objects are not part of the actor's database and would "
                        + "vanish between turns");
            }
        }
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("load_extension") && tokens.get(i + 1).text().equals("(")) {
                throw forbidden("load_extension", "extensions cannot be loaded");
            }
        }
    }

    private static void checkPragma(List<Token> tokens, int at) {
        int name = at;
        if (name + 2 < tokens.size() && tokens.get(name + 1).text().equals(".")) {
            name += 2;
        }
        String pragma = name < tokens.size() ? tokens.get(name).text().toUpperCase(Locale.ROOT) : "";
        boolean sets = tokens.stream().skip(name).anyMatch(token -> token.text().equals("="));
        boolean argument = tokens.size() > name + 1;
        if (!READ_PRAGMAS.contains(pragma) || sets || (SETTABLE_PRAGMAS.contains(pragma) && argument)) {
            throw forbidden("PRAGMA " + pragma.toLowerCase(Locale.ROOT), "only the schema-inspection pragmas can "
                    + "be read (" + String.join(", ", READ_PRAGMAS.stream().sorted().map(p -> p.toLowerCase(Locale.ROOT))
                    .toList()) + ")");
        }
    }

    private static TroupeException forbidden(String what, String why) {
        return new TroupeException(ErrorCode.SQL_FORBIDDEN, what + " is not allowed in an actor's SQL: " + why,
                Map.of("statement", what));
    }

    private static TroupeException error(String message) {
        return new TroupeException(ErrorCode.SQL_ERROR, message);
    }
}
