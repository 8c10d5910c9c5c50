package dev.troupe.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The fenced code blocks of a Markdown page, each with the HTML comment right above it, if any. */
final class FencedBlocks {
    private static final Pattern BLOCK = Pattern.compile(
            "(?:<!-- ([^\\n]+?) -->\\n)?^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);

    private FencedBlocks() {
    }

    /**
     * One fenced block.
     *
     * @param marker   the text of an HTML comment on the line above the fence, or null
     * @param language the fence's info string ({@code java}, {@code sh}, ...), possibly empty
     * @param text     the block's lines, each ending in a newline
     */
    record Block(@Nullable String marker, String language, String text) {
    }

    /** Every fenced block of {@code markdown}, in order. */
    static List<Block> of(String markdown) {
        List<Block> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(markdown);
        while (block.find()) {
            blocks.add(new Block(block.group(1), block.group(2), block.group(3)));
        }
        return blocks;
    }

    /** The blocks of {@code markdown} between the heading {@code heading} and the next heading of its level. */
    static List<Block> inSection(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        if (start < 0) {
            throw new AssertionError("no section '" + heading + "'");
        }
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int end = markdown.indexOf("\n" + level, start + heading.length() + 1);
        return of(markdown.substring(start, end < 0 ? markdown.length() : end));
    }
}
