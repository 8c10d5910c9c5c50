package dev.troupe.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ActorInfo;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.StringJoiner;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads the listing of a type's actors ({@code GET /v1/actors/{type}/list}): one page, or every page in
 * turn as a lazy stream that asks for the next page only when the one before is used up. Thread-safe.
 */
final class Listing {
    private final WireHttp wire;
    private final URI base;

    Listing(WireHttp wire, URI base) {
        this.wire = wire;
        this.base = base;
    }

    /** One page: the actors of {@code type} whose key begins with {@code prefix}, after {@code cursor}. */
    ActorPage page(String type, Key prefix, @Nullable String cursor, int limit) {
        StringJoiner query = new StringJoiner("&", "?", "");
        prefix.parts().forEach(part -> query.add("prefix=" + encode(part)));
        query.add("limit=" + limit);
        if (cursor != null) {
            query.add("cursor=" + encode(cursor));
        }
        JsonNode json = wire.send(HttpRequest.newBuilder(base.resolve("/v1/actors/" + type + "/list" + query)).GET(),
                "listing " + type);
        List<ActorInfo> actors = new ArrayList<>();
        for (JsonNode actor : json.path("actors")) {
            actors.add(info(actor));
        }
        JsonNode next = json.path("next");
        return new ActorPage(actors, next.isTextual() ? next.asText() : null);
    }

    /** Every actor of {@code type} whose key begins with {@code prefix}, page by page of {@code limit}. */
    Stream<ActorInfo> all(String type, Key prefix, int limit) {
        Iterator<ActorInfo> actors = new Iterator<>() {
            private @Nullable ActorPage page = page(type, prefix, null, limit);
            private int index;

            @Override
            public boolean hasNext() {
                while (page != null && index == page.actors().size()) {
                    page = page.next() == null ? null : page(type, prefix, page.next(), limit);
                    index = 0;
                }
                return page != null;
            }

            @Override
            public ActorInfo next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.actors().get(index++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(actors,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false);
    }

    private static ActorInfo info(JsonNode actor) {
        try {
            List<String> key = new ArrayList<>();
            actor.path("key").forEach(part -> key.add(part.asText()));
            return new ActorInfo(actor.path("id").asText(), actor.path("type").asText(), Key.of(key),
                    Instant.parse(actor.path("createdAt").asText()));
        } catch (RuntimeException e) {
            throw new TroupeException(ErrorCode.INTERNAL_ERROR, "the server listed an actor this client cannot read: "
                    + actor, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
