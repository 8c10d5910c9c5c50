package dev.troupe.rivetkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON compat form, the CBOR reader and the BARE messages, against bytes RivetKit 2.3.19 writes. */
class CodecsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void compatRevivesRivetKitTagsAndUnescapesUserArrays() {
        JsonNode revived = JsonCompat.revive(json(
                "{\"a\":[\"$BigInt\",\"123456789012345678901\"],\"b\":[\"$Uint8Array\",\"AQID\"],"
                        + "\"c\":[\"$$x\",[\"$BigInt\",\"1\"]],\"d\":[\"$Undefined\",0],\"e\":[\"$Set\",[1,2]],"
                        + "\"f\":[\"$x\",1,2]}"));
        assertThat(revived.get("a").bigIntegerValue()).isEqualTo(new BigInteger("123456789012345678901"));
        assertThat(revived.get("b").isBinary()).isTrue();
        assertThat(revived.get("c").toString()).isEqualTo("[\"$x\",1]");
        assertThat(revived.get("d").isNull()).isTrue();
        assertThat(revived.get("e")).isEqualTo(json("[1,2]"));
        assertThat(revived.get("f")).as("only two-element arrays are tagged").isEqualTo(json("[\"$x\",1,2]"));
    }

    @Test
    void compatEncodesWhatTheClientRevives() {
        JsonNode value = json("{\"big\":9007199254740993,\"safe\":9007199254740991,\"user\":[\"$x\",1],\"three\":[\"$x\",1,2]}");
        JsonNode wire = JsonCompat.encode(value);
        assertThat(wire.get("big")).isEqualTo(json("[\"$BigInt\",\"9007199254740993\"]"));
        assertThat(wire.get("safe").longValue()).isEqualTo(9007199254740991L);
        assertThat(wire.get("user")).isEqualTo(json("[\"$$x\",1]"));
        assertThat(wire.get("three")).isEqualTo(json("[\"$x\",1,2]"));
        assertThat(JsonCompat.revive(wire).toString()).isEqualTo(value.toString());
        assertThat(JsonCompat.encode(Json.mapper().getNodeFactory().binaryNode(new byte[] {1, 2, 3})))
                .isEqualTo(json("[\"$Uint8Array\",\"AQID\"]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"$Nope\",1]", "[\"$BigInt\",\"12a\"]", "[\"$BigInt\",12]", "[\"$Uint8Array\",\"!!\"]",
            "[\"$Set\",1]"})
    void compatRefusesUnknownOrMalformedTags(String wire) {
        assertThatThrownBy(() -> JsonCompat.revive(json(wire)))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INVALID_REQUEST)).isTrue());
    }

    @Test
    void cborReadsNonMinimalLengthsTaggedBytesAndBigIntegers() {
        // cbor-x: {"start":5} with a 16-bit map length (b9 0001), as in rvt-input
        assertThat(Cbor.read(HEX.parseHex("b90001657374617274" + "05"), "x")).isEqualTo(json("{\"start\":5}"));
        // a Uint8Array: tag 64 around a byte string
        JsonNode bytes = Cbor.read(HEX.parseHex("d8404301" + "0203"), "x");
        assertThat(bytes.isBinary()).isTrue();
        // a 64-bit unsigned integer (cbor-x writes bigints this way)
        assertThat(Cbor.read(HEX.parseHex("1b0000000000000007"), "x").longValue()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a1", "ff", "0102", "a2616101616102"})
    void cborRefusesBrokenDocuments(String hex) {
        assertThatThrownBy(() -> Cbor.read(HEX.parseHex(hex), "the body"))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INVALID_REQUEST)).isTrue());
    }

    @Test
    void bareReadsAnActionRequestAsTheClientWritesIt() {
        byte[] args = Cbor.write(json("[2]"));
        byte[] message = new BareWriter().u16(4).u8(0).uint(300).string("increment").data(args).toBytes();
        assertThat(HEX.formatHex(message)).startsWith("0400" + "00" + "ac02" + "09");
        ToServer read = BareEncoding.INSTANCE.readMessage(message);
        assertThat(read).isEqualTo(new ToServer.ActionRequest(300, "increment", json("[2]")));
        byte[] subscribe = new BareWriter().u16(4).u8(1).string("newCount").bool(true).toBytes();
        assertThat(BareEncoding.INSTANCE.readMessage(subscribe)).isEqualTo(new ToServer.SubscriptionRequest("newCount", true));
    }

    @Test
    void bareWritesTheToClientUnion() {
        assertThat(HEX.formatHex(BareEncoding.INSTANCE.writeMessage(new ToClient.Init("a", "c"))))
                .isEqualTo("0400" + "00" + "0161" + "0163");
        byte[] error = BareEncoding.INSTANCE.writeMessage(new ToClient.Error("user", "no", "m", null, 7L));
        assertThat(HEX.formatHex(error)).isEqualTo("0400" + "01" + "0475736572" + "026e6f" + "016d" + "00" + "0107" + "00");
        BareReader in = new BareReader(BareEncoding.INSTANCE.writeMessage(new ToClient.ActionResponse(1, json("[\"$x\",1]"))));
        assertThat(in.u16()).isEqualTo(4);
        assertThat(in.u8()).isEqualTo(2);
        assertThat(in.uint()).isEqualTo(1);
        assertThat(Cbor.read(in.data(), "x")).as("values inside are in compat form").isEqualTo(json("[\"$$x\",1]"));
        in.end();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "04", "0500" + "01" + "0161" + "01", "0400" + "07", "0400" + "01" + "0161" + "02",
            "0400" + "01" + "0161" + "01" + "ff", "0400" + "00" + "8000", "0400" + "00" + "01" + "05" + "6162",
            "0400" + "01" + "02c328" + "01", "0400" + "00" + "ffffffffffffffffff7f"})
    void bareRefusesMalformedMessages(String hex) {
        assertThatThrownBy(() -> BareEncoding.INSTANCE.readMessage(HEX.parseHex(hex)))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INVALID_REQUEST)).isTrue());
    }

    @Test
    void bareUintRoundTripsTheWholeRange() {
        for (long value : new long[] {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, Long.MAX_VALUE, -1}) {
            BareReader in = new BareReader(new BareWriter().uint(value).toBytes());
            assertThat(in.uint()).isEqualTo(value);
            in.end();
        }
    }

    @Test
    void jsonMessagesCarryBigIntIdsBothWays() {
        ToServer read = JsonEncoding.INSTANCE.readMessage(
                "{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":[\"$BigInt\",\"0\"],\"name\":\"increment\",\"args\":[[\"$$y\",2]]}}}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(read).isEqualTo(new ToServer.ActionRequest(0, "increment", json("[[\"$y\",2]]")));
        String out = new String(JsonEncoding.INSTANCE.writeMessage(new ToClient.ActionResponse(0, json("42"))),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json(out)).isEqualTo(json("{\"body\":{\"tag\":\"ActionResponse\",\"val\":{\"id\":[\"$BigInt\",\"0\"],\"output\":42}}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{\"body\":{\"tag\":\"Nope\",\"val\":{}}}", "{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":-1,\"name\":\"a\",\"args\":[]}}}",
            "{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":1,\"name\":\"a\"}}}", "{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"e\",\"subscribe\":1}}}",
            "{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":1,\"name\":\"a\",\"args\":[],\"x\":1}}}"})
    void jsonMessagesAreCheckedField(String text) {
        assertThatThrownBy(() -> JsonEncoding.INSTANCE.readMessage(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INVALID_REQUEST)).isTrue());
    }
}
