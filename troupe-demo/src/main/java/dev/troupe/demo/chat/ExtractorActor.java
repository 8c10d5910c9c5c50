package dev.troupe.demo.chat;

import dev.troupe.Input;
import dev.troupe.Actor;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Implements {@link Extractor} with regular expressions; it counts the messages it read. */
public final class ExtractorActor extends Actor<ExtractorActor.State> implements Extractor {
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"')\\]\u201d\u2019]+(?<![.,;:!?])");
    private static final Pattern TASK = Pattern.compile("(?im)(?:^\\s*[-*]\\s*\\[ \\]|\\btodo\\b:?|^\\s*task:)\\s*(.+?)\\s*$");
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{N}'-]{3,}");
    private static final int KEYWORDS = 5;
    private static final Set<String> STOP_WORDS = Set.of("about", "after", "again", "also", "been", "before",
            "being", "could", "does", "from", "have", "here", "into", "just", "like", "more", "most", "much", "only",
            "other", "over", "should", "some", "such", "than", "that", "their", "them", "then", "there", "these",
            "they", "this", "those", "very", "want", "were", "what", "when", "where", "which", "while", "will",
            "with", "would", "your", "todo", "task", "https", "http");

    /**
     * The extractor's state.
     *
     * @param read how many messages it read
     */
    public record State(long read) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0);
    }

    @Override
    public Extraction extract(String text) {
        setState(new State(state().read() + 1));
        String body = LINK.matcher(text).replaceAll(" ");
        return new Extraction(all(LINK.matcher(text), 0), all(TASK.matcher(text), 1), keywords(body));
    }

    private static List<String> all(Matcher matcher, int group) {
        return matcher.results().map(match -> match.group(group)).distinct().toList();
    }

    private static List<String> keywords(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        WORD.matcher(text).results().map(match -> match.group().toLowerCase(Locale.ROOT))
                .filter(word -> !STOP_WORDS.contains(word)).forEach(word -> counts.merge(word, 1, Integer::sum));
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(KEYWORDS).map(Map.Entry::getKey).toList();
    }
}
