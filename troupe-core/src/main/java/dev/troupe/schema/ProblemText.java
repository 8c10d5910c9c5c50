package dev.troupe.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Says in plain words what the first of the validator's errors means: "expected an integer, got a
 * string", "at /text: missing the required field 'author'". The path is a JSON Pointer into the value.
 *
 * <p>The validator lists errors in evaluation order, a keyword's own before those of its subschemas.
 * Errors inside {@code anyOf} or {@code oneOf} alternatives make sense only together: when no
 * alternative fits, the sentence lists each alternative's first problem ("fits none of the
 * alternatives: …; or …"), and alternatives that differ only in type merge into one expectation
 * ("expected a string or null, got an integer", as for {@code "type":["string","null"]}). Keywords
 * without a sentence of our own keep the validator's message. Stateless.
 */
final class ProblemText {
    private ProblemText() {
    }

    /** The sentence for the first problem in {@code errors}, which is not empty. */
    static String of(List<Error> errors) {
        return first(errors, 0).sentence();
    }

    /**
     * One problem: where in the value, what, and for a type mismatch what was expected and found, so
     * that alternatives can merge.
     */
    private record Problem(NodePath at, String text, @Nullable String expected, @Nullable String found) {
        Problem(NodePath at, String text) {
            this(at, text, null, null);
        }

        String sentence() {
            return at.getNameCount() == 0 ? text : "at " + at + ": " + text;
        }

        /** The text relative to {@code place}: without the path if the problem is there. */
        String within(NodePath place) {
            return at.equals(place) ? text : sentence();
        }
    }

    /** The first problem, looking for alternatives in evaluation paths from step {@code from} on. */
    private static Problem first(List<Error> errors, int from) {
        Error error = errors.getFirst();
        NodePath path = error.getEvaluationPath();
        int branch = branchStep(path, from);
        if (branch >= 0) {
            return alternatives(errors, 0, path, branch, null);
        }
        if (error.getKeyword().equals("oneOf") && matched(error) == 0 && errors.size() > 1
                && inBranch(errors.get(1).getEvaluationPath(), path, path.getNameCount())) {
            return alternatives(errors, 1, path, path.getNameCount(), error.getInstanceLocation());
        }
        return single(error);
    }

    /** The step of the first {@code anyOf} or {@code oneOf} in {@code path} followed by a branch index, or -1. */
    private static int branchStep(NodePath path, int from) {
        for (int i = from; i + 1 < path.getNameCount(); i++) {
            Object step = path.getElement(i);
            if ((step.equals("anyOf") || step.equals("oneOf")) && path.getElement(i + 1) instanceof Integer) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * The problem of an applicator none of whose alternatives fit. Its branches' errors are the run
     * from {@code start} whose evaluation paths share the first {@code branch} steps of {@code prefix}
     * and go on with a branch index; the run ends where the index falls back (the same applicator,
     * evaluated again for the next item or property).
     */
    private static Problem alternatives(List<Error> errors, int start, NodePath prefix, int branch, @Nullable NodePath place) {
        Map<Integer, List<Error>> branches = new TreeMap<>();
        int last = -1;
        for (Error error : errors.subList(start, errors.size())) {
            NodePath path = error.getEvaluationPath();
            if (!inBranch(path, prefix, branch) || (int) path.getElement(branch) < last) {
                break;
            }
            int index = (int) path.getElement(branch);
            branches.computeIfAbsent(index, i -> new ArrayList<>()).add(error);
            last = index;
        }
        List<Problem> problems = branches.values().stream().map(branchErrors -> first(branchErrors, branch + 1)).toList();
        NodePath at = place != null ? place : commonPrefix(problems);
        if (problems.stream().allMatch(p -> p.expected() != null && p.at().equals(at))) {
            String expected = problems.stream().map(Problem::expected).distinct().collect(Collectors.joining(" or "));
            return type(at, expected, problems.getFirst().found());
        }
        return new Problem(at, "fits none of the alternatives: "
                + problems.stream().map(p -> p.within(at)).collect(Collectors.joining("; or ")));
    }

    private static Problem single(Error error) {
        NodePath at = error.getInstanceLocation();
        JsonNode limit = error.getSchemaNode();
        JsonNode value = error.getInstanceNode();
        if (error.getKeyword().equals("type")) {
            return type(at, withArticle(limit), kind(value));
        }
        String text = switch (error.getKeyword()) {
            case "const" -> "expected " + limit + ", got " + value;
            case "enum" -> "expected one of " + limit + ", got " + value;
            case "format" -> IntegerFormat.names(limit.asText())
                    ? "expected an integer in the " + limit.asText() + " range, got " + value
                    : "expected a string in the " + limit.asText() + " format, got " + value;
            case "minimum" -> "expected at least " + limit + ", got " + value;
            case "maximum" -> "expected at most " + limit + ", got " + value;
            case "exclusiveMinimum" -> "expected more than " + limit + ", got " + value;
            case "exclusiveMaximum" -> "expected less than " + limit + ", got " + value;
            case "multipleOf" -> "expected a multiple of " + limit + ", got " + value;
            case "minLength" -> "expected at least " + limit + " characters, got " + length(value);
            case "maxLength" -> "expected at most " + limit + " characters, got " + length(value);
            case "pattern" -> "expected text matching " + limit + ", got " + value;
            case "minItems" -> "expected at least " + limit + " items, got " + value.size();
            case "maxItems" -> "expected at most " + limit + " items, got " + value.size();
            case "uniqueItems" -> "expected no repeated items";
            case "minProperties" -> "expected at least " + limit + " fields, got " + value.size();
            case "maxProperties" -> "expected at most " + limit + " fields, got " + value.size();
            case "required" -> "missing the required field '" + error.getProperty() + "'";
            case "additionalProperties", "unevaluatedProperties" -> error.getProperty() == null
                    ? error.getMessage() : "unknown field '" + error.getProperty() + "'";
            case "false" -> "no value is allowed here";
            case "not" -> "expected a value that does not fit " + limit;
            case "oneOf" -> matched(error) == 0 ? "fits none of the alternatives"
                    : "fits " + matched(error) + " of the alternatives, expected exactly one";
            default -> error.getMessage();
        };
        return new Problem(at, text);
    }

    private static Problem type(NodePath at, String expected, String found) {
        return new Problem(at, "expected " + expected + ", got " + found, expected, found);
    }

    /** How many alternatives of a failed {@code oneOf} fitted: its error's first argument. */
    private static int matched(Error error) {
        return Integer.parseInt(String.valueOf(error.getArguments()[0]));
    }

    /** Whether {@code path} goes on from the first {@code steps} steps of {@code prefix} with a branch index. */
    private static boolean inBranch(NodePath path, NodePath prefix, int steps) {
        if (path.getNameCount() <= steps || !(path.getElement(steps) instanceof Integer)) {
            return false;
        }
        for (int i = 0; i < steps; i++) {
            if (!path.getElement(i).equals(prefix.getElement(i))) {
                return false;
            }
        }
        return true;
    }

    /** The longest path that every problem's path starts with: where the alternatives were tried. */
    private static NodePath commonPrefix(List<Problem> problems) {
        NodePath shortest = problems.getFirst().at();
        int steps = shortest.getNameCount();
        for (Problem problem : problems) {
            int same = 0;
            while (same < Math.min(steps, problem.at().getNameCount())
                    && problem.at().getElement(same).equals(shortest.getElement(same))) {
                same++;
            }
            steps = same;
        }
        NodePath common = new NodePath(PathType.JSON_POINTER);
        for (int i = 0; i < steps; i++) {
            common = shortest.getElement(i) instanceof Integer index ? common.append(index)
                    : common.append(shortest.getName(i));
        }
        return common;
    }

    private static int length(JsonNode text) {
        String value = text.asText();
        return value.codePointCount(0, value.length());
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case NUMBER -> IntegerFormat.isInteger(value) ? "an integer" : "a number";
            case STRING -> "a string";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "an unreadable value";
        };
    }

    /** The accepted types of a {@code type} keyword with their articles: "an integer", "a string or null". */
    private static String withArticle(JsonNode type) {
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(withArticle(t)));
            return String.join(" or ", names);
        }
        String name = type.asText();
        if (name.isEmpty() || name.equals("null")) {
            return name.isEmpty() ? "a value" : "null";
        }
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }
}
