package dev.troupe.rivetkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code cbor} encoding: the message shapes of the {@code json} encoding as CBOR. RivetKit's client
 * writes its values natively here (no compat form: a bigint is a CBOR integer, bytes a byte string)
 * but revives compat forms in what it reads, so values going out are in compat form, as RivetKit's own
 * server sends them.
 */
final class CborEncoding implements WireEncoding {
    static final CborEncoding INSTANCE = new CborEncoding();

    private CborEncoding() {
    }

    @Override
    public String name() {
        return "cbor";
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
        return MessageTrees.message(Cbor.read(payload, "the message"));
    }

    @Override
    public byte[] writeMessage(ToClient message) {
        return Cbor.write(MessageTrees.tree(message));
    }

    @Override
    public JsonNode readActionArgs(byte[] body) {
        return JsonEncoding.args(Cbor.read(body, "the action body"));
    }

    @Override
    public byte[] writeActionOutput(JsonNode output) {
        return Cbor.write(JsonEncoding.output(output));
    }
}
