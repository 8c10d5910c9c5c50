import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { applyPatch, parsePointer, PatchError, type PatchOperation } from "../../src/json-patch.js";
import type { JsonValue } from "../../src/json.js";

const patch = (ops: unknown[]): PatchOperation[] => ops as PatchOperation[];

describe("applyPatch: the examples of RFC 6902 appendix A", () => {
  const cases: Array<[string, JsonValue, unknown[], JsonValue]> = [
    [
      "A.1 add an object member",
      { foo: "bar" },
      [{ op: "add", path: "/baz", value: "qux" }],
      { baz: "qux", foo: "bar" },
    ],
    [
      "A.2 add an array element",
      { foo: ["bar", "baz"] },
      [{ op: "add", path: "/foo/1", value: "qux" }],
      { foo: ["bar", "qux", "baz"] },
    ],
    ["A.3 remove an object member", { baz: "qux", foo: "bar" }, [{ op: "remove", path: "/baz" }], { foo: "bar" }],
    [
      "A.4 remove an array element",
      { foo: ["bar", "qux", "baz"] },
      [{ op: "remove", path: "/foo/1" }],
      { foo: ["bar", "baz"] },
    ],
    [
      "A.5 replace a value",
      { baz: "qux", foo: "bar" },
      [{ op: "replace", path: "/baz", value: "boo" }],
      { baz: "boo", foo: "bar" },
    ],
    [
      "A.6 move a value",
      { foo: { bar: "baz", waldo: "fred" }, qux: { corge: "grault" } },
      [{ op: "move", from: "/foo/waldo", path: "/qux/thud" }],
      { foo: { bar: "baz" }, qux: { corge: "grault", thud: "fred" } },
    ],
    [
      "A.7 move an array element",
      { foo: ["all", "grass", "cows", "eat"] },
      [{ op: "move", from: "/foo/1", path: "/foo/3" }],
      { foo: ["all", "cows", "eat", "grass"] },
    ],
    [
      "A.8 test a value (success)",
      { baz: "qux", foo: ["a", 2, "c"] },
      [
        { op: "test", path: "/baz", value: "qux" },
        { op: "test", path: "/foo/1", value: 2 },
      ],
      { baz: "qux", foo: ["a", 2, "c"] },
    ],
    [
      "A.10 add a nested member object",
      { foo: "bar" },
      [{ op: "add", path: "/child", value: { grandchild: {} } }],
      { foo: "bar", child: { grandchild: {} } },
    ],
    [
      "A.11 ignore unrecognised elements",
      { foo: "bar" },
      [{ op: "add", path: "/baz", value: "qux", xyz: 123 }],
      { foo: "bar", baz: "qux" },
    ],
    ["A.14 ~ escape ordering", { "/": 9, "~1": 10 }, [{ op: "test", path: "/~01", value: 10 }], { "/": 9, "~1": 10 }],
    [
      "A.16 add an array value",
      { foo: ["bar"] },
      [{ op: "add", path: "/foo/-", value: ["abc", "def"] }],
      { foo: ["bar", ["abc", "def"]] },
    ],
  ];
  it.each(cases)("%s", (_name, document, ops, expected) => {
    expect(applyPatch(document, patch(ops))).toEqual(expected);
  });

  it("A.9 test a value (error)", () => {
    expect(() => applyPatch({ baz: "qux" }, patch([{ op: "test", path: "/baz", value: "bar" }]))).toThrow(PatchError);
  });
  it("A.12 add to a nonexistent target", () => {
    expect(() => applyPatch({ foo: "bar" }, patch([{ op: "add", path: "/baz/bat", value: "qux" }]))).toThrow(
      PatchError,
    );
  });
  it("A.15 comparing strings and numbers", () => {
    expect(() => applyPatch({ "/": 9, "~1": 10 }, patch([{ op: "test", path: "/~01", value: "10" }]))).toThrow(
      PatchError,
    );
  });
});

describe("applyPatch: more operations", () => {
  it("replaces and adds the whole document with an empty path", () => {
    expect(applyPatch({ a: 1 }, patch([{ op: "replace", path: "", value: [1] }]))).toEqual([1]);
    expect(applyPatch({ a: 1 }, patch([{ op: "add", path: "", value: "x" }]))).toEqual("x");
  });
  it("copies values", () => {
    expect(applyPatch({ a: { b: 1 }, c: [] }, patch([{ op: "copy", from: "/a", path: "/c/0" }]))).toEqual({
      a: { b: 1 },
      c: [{ b: 1 }],
    });
  });
  it("tests deep equality regardless of key order", () => {
    const doc = { a: { x: 1, y: [1, { z: null }] } };
    expect(applyPatch(doc, patch([{ op: "test", path: "/a", value: { y: [1, { z: null }], x: 1 } }]))).toBe(doc);
  });
  it("applies the operations in order, all or nothing", () => {
    const doc = { list: [1, 2, 3] };
    expect(
      applyPatch(
        doc,
        patch([
          { op: "remove", path: "/list/0" },
          { op: "add", path: "/list/-", value: 4 },
          { op: "replace", path: "/list/0", value: 9 },
        ]),
      ),
    ).toEqual({ list: [9, 3, 4] });
    expect(() =>
      applyPatch(
        doc,
        patch([
          { op: "remove", path: "/list/0" },
          { op: "remove", path: "/nope" },
        ]),
      ),
    ).toThrow(/operation 1 \(remove \/nope\)/);
    expect(doc).toEqual({ list: [1, 2, 3] });
  });
  it("moving a value to where it is changes nothing", () => {
    const doc = { a: 1 };
    expect(applyPatch(doc, patch([{ op: "move", from: "/a", path: "/a" }]))).toBe(doc);
  });
});

describe("applyPatch: immutability", () => {
  it("never modifies its input and shares what did not change", () => {
    const untouched = { deep: { value: 1 } };
    const messages = [{ seq: 1 }, { seq: 2 }];
    const doc = Object.freeze({ untouched, messages: Object.freeze(messages) });
    const result = applyPatch(doc, patch([{ op: "add", path: "/messages/-", value: { seq: 3 } }])) as {
      untouched: unknown;
      messages: unknown[];
    };
    expect(result).not.toBe(doc);
    expect(result.untouched).toBe(untouched);
    expect(result.messages).not.toBe(messages);
    expect(result.messages[0]).toBe(messages[0]);
    expect(messages).toHaveLength(2);
  });
  it("treats __proto__ as an ordinary member", () => {
    const doc = JSON.parse('{"a":1}') as JsonValue;
    const result = applyPatch(doc, patch([{ op: "add", path: "/__proto__", value: { polluted: true } }])) as Record<
      string,
      unknown
    >;
    expect(Object.keys(result)).toEqual(["a", "__proto__"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    const removed = applyPatch(result as JsonValue, patch([{ op: "remove", path: "/__proto__" }]));
    expect(removed).toEqual({ a: 1 });
  });
  it("does not see inherited members", () => {
    expect(() => applyPatch({}, patch([{ op: "replace", path: "/toString", value: 1 }]))).toThrow(PatchError);
  });
});

describe("applyPatch: malformed operations", () => {
  const bad: Array<[string, JsonValue, unknown[]]> = [
    ["unknown op", {}, [{ op: "merge", path: "/a" }]],
    ["path without a slash", {}, [{ op: "add", path: "a", value: 1 }]],
    ["path not a string", {}, [{ op: "add", path: 1, value: 1 }]],
    ["missing value", {}, [{ op: "add", path: "/a" }]],
    ["index past the end", [1], [{ op: "add", path: "/2", value: 1 }]],
    ["leading zero index", [1, 2], [{ op: "replace", path: "/01", value: 1 }]],
    ["negative index", [1, 2], [{ op: "remove", path: "/-1" }]],
    ["'-' on remove", [1, 2], [{ op: "remove", path: "/-" }]],
    ["remove a missing member", { a: 1 }, [{ op: "remove", path: "/b" }]],
    ["replace a missing member", { a: 1 }, [{ op: "replace", path: "/b", value: 1 }]],
    ["remove the document", { a: 1 }, [{ op: "remove", path: "" }]],
    ["move into a child of itself", { a: { b: {} } }, [{ op: "move", from: "/a", path: "/a/b/c" }]],
    ["move from nowhere", { a: 1 }, [{ op: "move", from: "/x", path: "/y" }]],
    ["descend into a scalar", { a: 1 }, [{ op: "add", path: "/a/b", value: 1 }]],
    ["operation not an object", {}, [null]],
  ];
  it.each(bad)("rejects %s", (_name, document, ops) => {
    expect(() => applyPatch(document, patch(ops))).toThrow(PatchError);
  });
  it("rejects a patch that is not an array", () => {
    expect(() => applyPatch({}, {} as unknown as PatchOperation[])).toThrow(PatchError);
  });
});

describe("parsePointer", () => {
  it("unescapes ~1 then ~0", () => {
    expect(parsePointer("/a~1b/c~0d/~01/")).toEqual(["a/b", "c~d", "~1", ""]);
    expect(parsePointer("")).toEqual([]);
  });
});

// The standard json-patch-tests suite (fixtures/json-patch-tests/README.md), which troupe-client's
// JsonPatchSuiteTest and troupe-server's ViewDiffSuiteTest read too.
interface SuiteRecord {
  comment?: string;
  doc?: JsonValue;
  patch?: unknown[];
  expected?: JsonValue;
  error?: string;
  disabled?: boolean;
}
const suite = ["tests.json", "spec_tests.json"].flatMap((file) =>
  (
    JSON.parse(
      readFileSync(fileURLToPath(new URL(`../../../../fixtures/json-patch-tests/${file}`, import.meta.url)), "utf8"),
    ) as SuiteRecord[]
  ).flatMap((record, index) =>
    record.doc === undefined || record.disabled
      ? []
      : [{ ...record, doc: record.doc, name: `${file} #${index + 1} ${record.comment ?? record.error ?? ""}` }],
  ),
);

describe("applyPatch: the json-patch-tests suite", () => {
  it.each(suite)("$name", ({ doc, patch: ops, expected, error }) => {
    if (error !== undefined) {
      expect(() => applyPatch(doc, patch(ops ?? [])), error).toThrow(PatchError);
    } else if (expected !== undefined) {
      expect(applyPatch(doc, patch(ops ?? []))).toEqual(expected);
    } else {
      expect(() => applyPatch(doc, patch(ops ?? []))).not.toThrow();
    }
  });
});
