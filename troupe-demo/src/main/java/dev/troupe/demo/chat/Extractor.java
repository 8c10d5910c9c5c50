package dev.troupe.demo.chat;

import dev.troupe.ActorContract;
import java.util.List;

/** A chat child without a model: the links, tasks and keywords of each message. */
@ActorContract("chat-extractor")
public interface Extractor {
    /**
     * What one message holds.
     *
     * @param links    the http and https URLs, in order
     * @param tasks    what follows {@code TODO} on a line, and lines that are tasks ({@code - [ ] …}, {@code task: …})
     * @param keywords the most frequent words that are not stop words, at most five
     */
    record Extraction(List<String> links, List<String> tasks, List<String> keywords) {
    }

    /** Extracts from {@code text}. */
    Extraction extract(String text);
}
