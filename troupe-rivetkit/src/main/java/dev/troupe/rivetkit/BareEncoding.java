package dev.troupe.rivetkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.util.Map;

/*
 * RivetKit's client protocol v4 in BARE (rivetkit 2.3.19, src/common/bare/generated/client-protocol/v4.ts;
 * vbare puts the version in front of every message as a u16, little-endian: 04 00).
 *
 *   type Cbor data                                   CBOR of the value's compat form
 *   type Init struct { actorId: str  connectionId: str }
 *   type ActorSpecifier struct { actorId: str  generation: uint  key: optional<str> }
 *   type Error struct { group: str  code: str  message: str  metadata: optional<Cbor>
 *                       actionId: optional<uint>  actor: optional<ActorSpecifier> }
 *   type ActionResponse struct { id: uint  output: Cbor }
 *   type Event struct { name: str  args: Cbor }
 *   type ToClientBody union { Init = 0 | Error = 1 | ActionResponse = 2 | Event = 3 }
 *   type ActionRequest struct { id: uint  name: str  args: Cbor }
 *   type SubscriptionRequest struct { eventName: str  subscribe: bool }
 *   type ToServerBody union { ActionRequest = 0 | SubscriptionRequest = 1 }
 *   type HttpActionRequest struct { args: Cbor }
 *   type HttpActionResponse struct { output: Cbor }
 *
 * Troupe never names the actor in an error (actor: absent), so ActorSpecifier is only written as absent.
 */

/**
 * The {@code bare} encoding, the client's default: RivetKit's client protocol version 4 in BARE, each
 * message behind its version; values inside are CBOR of their compat form, both ways. A message of
 * another version is refused, as is anything left after a message.
 */
final class BareEncoding implements WireEncoding {
    static final BareEncoding INSTANCE = new BareEncoding();
    /** The client protocol version RivetKit 2.3.19 speaks ({@code CURRENT_VERSION}). */
    static final int VERSION = 4;

    private static final int INIT = 0;
    private static final int ERROR = 1;
    private static final int ACTION_RESPONSE = 2;
    private static final int EVENT = 3;
    private static final int ACTION_REQUEST = 0;
    private static final int SUBSCRIPTION_REQUEST = 1;

    private BareEncoding() {
    }

    @Override
    public String name() {
        return "bare";
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public String contentType() {
        return "application/octet-stream";
    }

    @Override
    public ToServer readMessage(byte[] payload) {
        BareReader in = versioned(payload);
        int tag = in.u8();
        ToServer message = switch (tag) {
            case ACTION_REQUEST -> new ToServer.ActionRequest(id(in.uint()), in.string(), value(in.data()));
            case SUBSCRIPTION_REQUEST -> new ToServer.SubscriptionRequest(in.string(), in.bool());
            default -> throw new TroupeException(ErrorCode.INVALID_REQUEST, "unknown ToServer tag " + tag
                    + "; expected 0 (ActionRequest) or 1 (SubscriptionRequest)", Map.of("tag", tag));
        };
        in.end();
        return message;
    }

    @Override
    public byte[] writeMessage(ToClient message) {
        BareWriter out = new BareWriter().u16(VERSION);
        switch (message) {
            case ToClient.Init init -> out.u8(INIT).string(init.actorId()).string(init.connectionId());
            case ToClient.Error error -> {
                out.u8(ERROR).string(error.group()).string(error.code()).string(error.message());
                out.bool(error.metadata() != null);
                if (error.metadata() != null) {
                    out.data(cbor(error.metadata()));
                }
                out.bool(error.actionId() != null);
                if (error.actionId() != null) {
                    out.uint(error.actionId());
                }
                out.bool(false);
            }
            case ToClient.ActionResponse response -> out.u8(ACTION_RESPONSE).uint(response.id()).data(cbor(response.output()));
            case ToClient.Event event -> out.u8(EVENT).string(event.name()).data(cbor(event.args()));
        }
        return out.toBytes();
    }

    @Override
    public JsonNode readActionArgs(byte[] body) {
        BareReader in = versioned(body);
        JsonNode args = value(in.data());
        in.end();
        return args;
    }

    @Override
    public byte[] writeActionOutput(JsonNode output) {
        return new BareWriter().u16(VERSION).data(cbor(output)).toBytes();
    }

    private static BareReader versioned(byte[] payload) {
        BareReader in = new BareReader(payload);
        int version = in.u16();
        if (version != VERSION) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "RivetKit client protocol version " + version
                    + " is not supported; this server speaks version " + VERSION + " (rivetkit 2.3.19)",
                    Map.of("version", version));
        }
        return in;
    }

    private static long id(long uint) {
        if (uint < 0) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "an action id must be below 2^63");
        }
        return uint;
    }

    private static JsonNode value(byte[] cbor) {
        return JsonCompat.revive(Cbor.read(cbor, "a CBOR value in the message"));
    }

    private static byte[] cbor(JsonNode value) {
        return Cbor.write(JsonCompat.encode(value));
    }
}
