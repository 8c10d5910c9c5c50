import { readdirSync, readFileSync } from "node:fs";
import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { canonicalJson, checksum } from "../../src/canonical.js";
import type { JsonValue } from "../../src/json.js";
import { wireFixture, wireFixturePath } from "../support/wire-fixtures.js";

// Expected texts and digests were produced by the server's canonical form (RFC 8785: sorted members,
// compact, JSON.stringify's string escapes, ECMAScript's number form) for the same documents.
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

  it("escapes as RFC 8785 says: short forms, other control characters in lower-case hex, nothing else", () => {
    expect(canonicalJson('a\u0001b\u001fc\n\t"\\/\u2028\u2029\u007f é 😀\b\f\r')).toBe(
      '"a\\u0001b\\u001fc\\n\\t\\"\\\\/\u2028\u2029\u007f é 😀\\b\\f\\r"',
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

// The view checksum vectors shared with troupe-core's CanonicalJsonTest: the server computes each
// checksum over the actor's value, the client over the value it receives (`wire`).
interface Vector {
  name: string;
  wire: string;
  canonical: string;
  checksum: string;
}
const vectors = wireFixture<{ cases: Vector[] }>("checksums.json").cases;

describe("checksum", () => {
  it.each(vectors)("agrees with the server: $name", async ({ wire, canonical, checksum: expected }) => {
    const value = JSON.parse(wire) as JsonValue;
    expect(canonicalJson(value)).toBe(canonical);
    expect(await checksum(value)).toBe(expected);
  });
});

// The test vectors of RFC 8785's reference implementations (fixtures/wire/rfc8785/README.md).
const rfc8785 = readdirSync(wireFixturePath("rfc8785/input"))
  .sort()
  .map((name) => ({
    name,
    input: JSON.parse(readFileSync(wireFixturePath(`rfc8785/input/${name}`), "utf8")) as JsonValue,
    output: readFileSync(wireFixturePath(`rfc8785/output/${name}`), "utf8"),
  }));

describe("canonicalJson is RFC 8785", () => {
  it.each(rfc8785)("gives the expected bytes for the RFC 8785 vector $name", ({ input, output }) => {
    expect(canonicalJson(input)).toBe(output);
  });

  // Every character below U+0100, the line and paragraph separators, a BOM, a supplementary character.
  const characters = [
    ...Array.from({ length: 0x100 }, (_, code) => String.fromCharCode(code)),
    "\u2028",
    "\u2029",
    "\ufeff",
    "😀",
  ];
  const documents: Array<[string, JsonValue]> = [
    ...rfc8785.map(({ name, input }): [string, JsonValue] => [name, input]),
    ...vectors.map(({ name, wire }): [string, JsonValue] => [name, JSON.parse(wire) as JsonValue]),
    ["every character as a string", characters],
    ["every character as a member name", Object.fromEntries(characters.map((c, i) => [c, i]))],
    [
      "numbers",
      [0, -0, 1, -1, 0.1, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, 9007199254740993, 123456789012345680000],
    ],
  ];
  it.each(documents)("agrees with the canonicalize package: %s", (_name, document) => {
    expect(canonicalJson(document)).toBe(canonicalize(document));
  });
});
