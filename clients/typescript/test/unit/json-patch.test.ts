import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { applyPatch, parsePointer, PatchError, type PatchOperation } from "../../src/json-patch.js";
import type { JsonValue } from "../../src/json.js";
import { wireFixture } from "../support/wire-fixtures.js";

const patch = (ops: unknown[]): PatchOperation[] => ops as PatchOperation[];

interface ApplyCase {
  readonly name: string;
  readonly doc: JsonValue;
  readonly patch: unknown[];
  readonly expected?: JsonValue;
  readonly error?: boolean;
}
interface DiffCase {
  readonly name: string;
  readonly before: JsonValue;
  readonly after: JsonValue;
  readonly patch: unknown[];
}
const fixture = wireFixture<{ apply: ApplyCase[]; diff: DiffCase[] }>("json-patch.json");

describe("applyPatch: the shared cases (RFC 6902 appendix A and ours)", () => {
  it.each(fixture.apply.filter((c) => c.error !== true))("$name", ({ doc, patch: ops, expected }) => {
    expect(applyPatch(doc, patch(ops))).toEqual(expected);
  });
  it.each(fixture.apply.filter((c) => c.error === true))("rejects: $name", ({ doc, patch: ops }) => {
    expect(() => applyPatch(doc, patch(ops))).toThrow(PatchError);
  });
});

describe("applyPatch: the patches the server sends between two views", () => {
  it.each(fixture.diff)("$name", ({ before, after, patch: ops }) => {
    expect(applyPatch(before, patch(ops))).toEqual(after);
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
