import { describe, expect, it } from "vitest";
import { canonicalJson, checksum } from "../../src/canonical.js";
import type { JsonValue } from "../../src/json.js";

// Expected texts and digests were produced by the server's canonical form (sorted members, compact,
// Jackson's string escapes, ECMAScript's number form) for the same documents.
describe("canonicalJson", () => {
  it("sorts members at every depth and writes no whitespace", () => {
    const value = JSON.parse(
      '{"messages":[{"user":"ann","seq":1,"text":"h\\u00e9llo \\"you\\"\\n\\u0007","at":"2024-01-02T03:04:05.123456Z"}],"b":{"z":null,"a":[true,false,-3]}}',
    ) as JsonValue;
    expect(canonicalJson(value)).toBe(
      '{"b":{"a":[true,false,-3],"z":null},"messages":[{"at":"2024-01-02T03:04:05.123456Z","seq":1,"text":"héllo \\"you\\"\\n\\u0007","user":"ann"}]}',
    );
  });

  it("orders names by UTF-16 code units, as Java does", () => {
    const value = { é: 1, e: 2, Z: 3, _: 4, "😀": 5, "\uffff": 6 };
    expect(canonicalJson(value)).toBe('{"Z":3,"_":4,"e":2,"é":1,"😀":5,"\uffff":6}');
  });

  it("escapes like Jackson: short forms, other control characters in upper-case hex, nothing else", () => {
    expect(canonicalJson('a\u0001b\u001fc\n\t"\\/\u2028\u007f é 😀\b\f\r')).toBe(
      '"a\\u0001b\\u001Fc\\n\\t\\"\\\\/\u2028\u007f é 😀\\b\\f\\r"',
    );
  });

  it("writes scalars and empty containers", () => {
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson([true, false, 0, -0, 1.5, -3, 1e21])).toBe("[true,false,0,0,1.5,-3,1e+21]");
    expect(canonicalJson({ a: [], b: {} })).toBe('{"a":[],"b":{}}');
  });

  it("refuses what JSON cannot hold", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(undefined as unknown as JsonValue)).toThrow(TypeError);
  });
});

describe("checksum", () => {
  it("is the hex SHA-256 of the canonical text, as the server computes it", async () => {
    expect(await checksum({ count: 42 })).toBe("b35539ce83f07b2fe8fb4bdce27fb9666c2122af4ad9a5850a711d906fb58998");
    expect(await checksum({ é: 1, e: 2, Z: 3, _: 4, "😀": 5, "\uffff": 6 })).toBe(
      "8488293ac14b6891f81adfb5c12bb26c31dfdb266e2d807540be385e62d85072",
    );
    const chat = JSON.parse(
      '{"b":{"a":[true,false,-3],"z":null},"messages":[{"text":"h\\u00e9llo \\"you\\"\\n\\u0007","at":"2024-01-02T03:04:05.123456Z","user":"ann","seq":1}]}',
    ) as JsonValue;
    expect(await checksum(chat)).toBe("1aad36bd0a56b85b08b30bbae61bc557e0dc70f89d4299f1421df3e6fdf880a9");
  });

  it("agrees with the server on doubles: the server writes numbers as ECMAScript does", async () => {
    // The server sends 3.0 as "3.0"; parsed, it is 3 here. Same document and digest in CanonicalJsonTest.
    const prices = JSON.parse('{"price":3.0,"ratio":0.5,"big":1.0E21,"tiny":1.5E-7}') as JsonValue;
    expect(canonicalJson(prices)).toBe('{"big":1e+21,"price":3,"ratio":0.5,"tiny":1.5e-7}');
    expect(await checksum(prices)).toBe("c819d8df664e84b4d583916415e89afa8137a57c71f046e53dc449426117c5ca");
  });
});
