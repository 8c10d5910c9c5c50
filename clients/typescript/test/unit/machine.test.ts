import { matchesState as xstateMatchesState, type StateValue as XStateValue } from "xstate";
import { describe, expect, it } from "vitest";
import { matchesState, type StateValue } from "../../src/machine.js";

/** A small seeded generator (mulberry32), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ["a", "b", "c", "idle", "editing"];

function stateValue(next: () => number, depth: number): StateValue {
  const pick = (): string => NAMES[Math.floor(next() * NAMES.length)] as string;
  if (depth === 0 || next() < 0.35) return pick();
  const regions: Record<string, StateValue> = {};
  const count = 1 + Math.floor(next() * 2);
  for (let i = 0; i < count; i++) regions[pick()] = stateValue(next, depth - 1);
  return regions;
}

/** A state value as a dotted path where it is a single chain, sometimes with an escaped dot. */
function pathOf(value: StateValue, next: () => number): StateValue {
  const segments: string[] = [];
  let current: StateValue = value;
  while (typeof current !== "string") {
    const regions = Object.keys(current);
    if (regions.length !== 1) return value;
    const region = regions[0] as string;
    segments.push(region);
    current = current[region] as StateValue;
  }
  segments.push(next() < 0.1 ? `${current}\\.x` : current);
  return segments.join(".");
}

describe("matchesState", () => {
  it("follows XState's own examples", () => {
    expect(matchesState("editing", { editing: "draft" })).toBe(true);
    expect(matchesState("editing.draft", { editing: "draft" })).toBe(true);
    expect(matchesState({ editing: "saved" }, { editing: "draft" })).toBe(false);
    expect(matchesState({ editing: "draft" }, "editing")).toBe(false);
    expect(matchesState({ a: "b", c: "d" }, { a: "b", c: "d", e: "f" })).toBe(true);
  });

  it("agrees with xstate@5 on 20,000 seeded pairs of state values and paths", () => {
    for (let seed = 1; seed <= 20_000; seed++) {
      const next = random(seed);
      const child = stateValue(next, 3);
      const candidate = next() < 0.5 ? stateValue(next, 3) : child;
      const parent = next() < 0.5 ? pathOf(candidate, next) : candidate;
      const expected = xstateMatchesState(parent as XStateValue, child as XStateValue);
      if (matchesState(parent, child) !== expected) {
        throw new Error(
          `seed ${seed}: matchesState(${JSON.stringify(parent)}, ${JSON.stringify(child)}) should be ${expected}`,
        );
      }
    }
  });
});
