package dev.troupe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A shell block of documented {@code curl} requests, each followed by a {@code # -> answer} line,
 * replayed with {@code java.net.http} against a running server. In an answer, {@code …} stands for any
 * text (a checksum, a message).
 */
final class CurlTranscript {
    private static final String ANSWER = "# -> ";

    private final List<Exchange> exchanges;

    private CurlTranscript(List<Exchange> exchanges) {
        this.exchanges = List.copyOf(exchanges);
    }

    /** One request and the answer the documentation promises for it. */
    private record Exchange(String command, String method, String url, List<String> headers, String body,
                            String answer) {
    }

    /** Parses {@code block}: {@code curl} commands (continued with a trailing backslash) and their answers. */
    static CurlTranscript parse(String block) {
        List<Exchange> exchanges = new ArrayList<>();
        String command = null;
        for (String line : block.replaceAll("\\\\\\n\\s*", " ").lines().toList()) {
            if (line.startsWith("curl ")) {
                assertThat(command).as("a curl command without an answer").isNull();
                command = line;
            } else if (line.startsWith(ANSWER)) {
                assertThat(command).as("an answer without a curl command: %s", line).isNotNull();
                exchanges.add(exchange(command, line.substring(ANSWER.length())));
                command = null;
            }
        }
        assertThat(command).as("a curl command without an answer").isNull();
        assertThat(exchanges).as("curl commands in the block").isNotEmpty();
        return new CurlTranscript(exchanges);
    }

    private static Exchange exchange(String command, String answer) {
        List<String> words = words(command);
        String method = "GET";
        String url = null;
        String body = "";
        List<String> headers = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            switch (words.get(i)) {
                case "-s", "-N" -> { }
                case "-X" -> method = words.get(++i);
                case "-H" -> headers.add(words.get(++i));
                case "-d" -> body = words.get(++i);
                default -> {
                    assertThat(url).as("one URL in %s", command).isNull();
                    url = words.get(i);
                }
            }
        }
        assertThat(url).as("the URL of %s", command).isNotNull();
        return new Exchange(command, method, url, headers, body, answer);
    }

    /** Splits a command into words: runs of non-blanks, or single-quoted strings without their quotes. */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        var word = Pattern.compile("'([^']*)'|(\\S+)").matcher(command);
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2));
        }
        return words;
    }

    /**
     * Sends every request, with its URL's {@code documentedBase} replaced by {@code base}, and asserts
     * that each answer is the documented one.
     */
    void replay(String documentedBase, URI base) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (Exchange exchange : exchanges) {
            assertThat(exchange.url()).as(exchange.command()).startsWith(documentedBase);
            HttpRequest.Builder request = HttpRequest.newBuilder(
                    URI.create(base + exchange.url().substring(documentedBase.length())));
            for (String header : exchange.headers()) {
                String[] nameAndValue = header.split(":\\s*", 2);
                request.header(nameAndValue[0], nameAndValue[1]);
            }
            request.method(exchange.method(), exchange.body().isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(exchange.body()));
            String answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(answer).as(exchange.command()).matches(pattern(exchange.answer()));
        }
    }

    private static Pattern pattern(String answer) {
        return Pattern.compile(Pattern.compile("…").splitAsStream(answer)
                .map(Pattern::quote)
                .collect(Collectors.joining(".*")) + (answer.endsWith("…") ? ".*" : ""), Pattern.DOTALL);
    }
}
