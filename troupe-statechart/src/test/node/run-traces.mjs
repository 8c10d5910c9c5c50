// Runs every statechart fixture in real XState v5 and writes what it did, for the Java engine to replay.
//
//   node run-traces.mjs <fixtures dir> <output dir> [runs per machine] [steps per run]
//
// For each machine and seed, a seeded random sequence of steps (send one of the fixture's events, or
// advance the controlled clock by one of its delays) runs in createActor(...) with a test clock; after
// the start and after every step the trace records the state value, the context, the status and the
// names of the named actions resolved, in order. One JSON file per machine: <output dir>/<name>.json.
// The vocabulary of guards and actions below is mirrored by DifferentialVocabulary.java.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { join, basename } from "node:path";
import { setup, createActor, enqueueActions, and, or, not } from "xstate";

const [fixturesDir, outDir, runsArg, stepsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 1000);
const STEPS = Number(stepsArg ?? 20);

// A deterministic clock: timers fire in order of due time, then of scheduling, as the Java replay does.
class TestClock {
  constructor() { this.now = 0; this.seq = 0; this.timers = new Map(); }
  setTimeout(fn, ms) { const id = this.seq++; this.timers.set(id, { id, due: this.now + ms, fn }); return id; }
  clearTimeout(id) { this.timers.delete(id); }
  advance(ms) {
    const target = this.now + ms;
    for (;;) {
      let next;
      for (const t of this.timers.values()) {
        if (t.due <= target && (!next || t.due < next.due || (t.due === next.due && t.id < next.id))) next = t;
      }
      if (!next) break;
      this.timers.delete(next.id);
      this.now = next.due;
      next.fn();
    }
    this.now = target;
  }
}

const guards = {
  countBelow3: ({ context }) => context.count < 3,
  countIsEven: ({ context }) => context.count % 2 === 0,
  countAbove5: ({ context }) => context.count > 5,
  flag: ({ context }) => context.flag === true,
  eventIsEven: ({ event }) => typeof event.n === "number" && event.n % 2 === 0,
};

const assigns = {
  inc: (c) => ({ count: c.count + 1 }),
  dec: (c) => ({ count: c.count - 1 }),
  reset: () => ({ count: 0 }),
  double: (c) => ({ count: c.count * 2 }),
  toggleFlag: (c) => ({ flag: !c.flag }),
  addN: (c, e) => ({ count: c.count + (typeof e.n === "number" ? e.n : 0) }),
};

function actionNames(node, names = new Set()) {
  if (Array.isArray(node)) node.forEach((n) => actionNames(n, names));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "entry" || key === "exit" || key === "actions") {
        (Array.isArray(value) ? value : [value]).forEach((a) => names.add(typeof a === "string" ? a : a.type));
      } else actionNames(value, names);
    }
  }
  return names;
}

function implementAction(name, log) {
  const [kind, arg] = name.includes(":") ? name.split(":") : [name];
  return enqueueActions(({ context, event, enqueue }) => {
    log.push(name);
    if (assigns[name]) enqueue.assign(({ context: c, event: e }) => assigns[name](c, e));
    else if (kind === "raise") enqueue.raise({ type: arg });
    else if (kind === "emit") enqueue.emit({ type: arg });
    // sendParent:, sendTo: and every other name are effects: recorded, performed by nobody here.
  });
}

// XState's JSON has no and/or/not objects: turn {type: 'and'|'or'|'not', guards} into its guard helpers.
function toXStateGuard(guard) {
  if (guard && typeof guard === "object" && ["and", "or", "not"].includes(guard.type)) {
    const inner = guard.guards.map(toXStateGuard);
    return guard.type === "and" ? and(inner) : guard.type === "or" ? or(inner) : not(inner[0]);
  }
  return guard;
}
function convertGuards(node) {
  if (Array.isArray(node)) return node.map(convertGuards);
  if (node && typeof node === "object") {
    const out = {};
    for (const [key, value] of Object.entries(node)) out[key] = key === "guard" ? toXStateGuard(value) : convertGuards(value);
    return out;
  }
  return node;
}

function mulberry32(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function observe(actor, log) {
  const s = actor.getSnapshot();
  const observed = { value: s.value, context: s.context, status: s.status, actions: [...log] };
  log.length = 0;
  return observed;
}

mkdirSync(outDir, { recursive: true });
const files = readdirSync(fixturesDir).filter((f) => f.endsWith(".json")).sort();
for (const file of files) {
  const name = basename(file, ".json");
  const fixture = JSON.parse(readFileSync(join(fixturesDir, file), "utf8"));
  const log = [];
  const actions = Object.fromEntries([...actionNames(fixture.machine)].map((n) => [n, implementAction(n, log)]));
  const machine = setup({ guards, actions }).createMachine(convertGuards(fixture.machine));
  const events = fixture.events.map((e) => (typeof e === "string" ? { type: e } : e));
  const advances = fixture.advances ?? [];
  const runs = [];
  for (let seed = 0; seed < RUNS; seed++) {
    const random = mulberry32(seed * 7919 + 17);
    const clock = new TestClock();
    log.length = 0;
    const actor = createActor(machine, { clock });
    actor.start();
    const initial = observe(actor, log);
    const steps = [];
    for (let i = 0; i < STEPS; i++) {
      let input;
      if (advances.length && random() < 0.3) {
        input = { advance: advances[Math.floor(random() * advances.length)] };
        clock.advance(input.advance);
      } else {
        input = { send: events[Math.floor(random() * events.length)] };
        actor.send(input.send);
      }
      steps.push({ ...input, ...observe(actor, log) });
    }
    actor.stop();
    runs.push({ seed, initial, steps });
  }
  writeFileSync(join(outDir, name + ".json"), JSON.stringify({ name, runs }));
}
console.log(`xstate traces: ${files.length} machines x ${RUNS} runs x ${STEPS} steps in ${outDir}`);
