package dev.troupe.cluster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.troupe.json.Json;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko serializer for every {@link ClusterMessage}: JSON with Troupe's mapper ({@link Json}), the
 * manifest naming the message class, actor references in Pekko's own string form. Bound in
 * {@code troupe-cluster.conf}; Pekko instantiates it with its actor system.
 */
public final class ClusterSerializer extends SerializerWithStringManifest {
    /** Unique among the serializers of a system; Pekko reserves 0 to 40. */
    private static final int IDENTIFIER = 7_420_001;

    private final ObjectMapper mapper;

    /** Called by Pekko. */
    public ClusterSerializer(ExtendedActorSystem system) {
        ActorRefResolver resolver = ActorRefResolver.get(Adapter.toTyped(system));
        SimpleModule refs = new SimpleModule("troupe-cluster-refs");
        refs.addSerializer(refClass(), new JsonSerializer<>() {
            @Override
            public void serialize(ActorRef<?> ref, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(resolver.toSerializationFormat(ref));
            }
        });
        refs.addDeserializer(refClass(), new JsonDeserializer<>() {
            @Override
            public ActorRef<?> deserialize(JsonParser in, DeserializationContext context) throws IOException {
                return resolver.resolveActorRef(in.getValueAsString());
            }
        });
        this.mapper = Json.mapper().copy().registerModule(refs);
    }

    @SuppressWarnings("unchecked")
    private static Class<ActorRef<?>> refClass() {
        return (Class<ActorRef<?>>) (Class<?>) ActorRef.class;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object message) {
        return message.getClass().getName();
    }

    @Override
    public byte[] toBinary(Object message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException("serializing " + message.getClass().getName() + " failed", e);
        }
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        Class<?> type;
        try {
            type = Class.forName(manifest, false, ClusterSerializer.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new NotSerializableException("unknown cluster message " + manifest);
        }
        if (!ClusterMessage.class.isAssignableFrom(type)) {
            throw new NotSerializableException(manifest + " is not a cluster message");
        }
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + manifest + " failed", e);
        }
    }
}
