// The XState side of `./troupe bench statechart`: sends a fixed event sequence to createActor(machine)
// for a time window and prints {"perSecond": N} (events processed per second).
//
//   node bench.mjs <machine fixture .json> <events .json> <warm-up ms> <window ms>
//
// Named actions as the Java side of the benchmark implements them: inc and dec assign, others do nothing.
import { readFileSync } from "node:fs";
import { setup, createActor, assign } from "xstate";

const [fixtureFile, eventsFile, warmupArg, windowArg] = process.argv.slice(2);
const fixture = JSON.parse(readFileSync(fixtureFile, "utf8"));
const events = JSON.parse(readFileSync(eventsFile, "utf8"));

const names = new Set();
(function collect(node) {
  if (Array.isArray(node)) return node.forEach(collect);
  if (!node || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "entry" || key === "exit" || key === "actions") [value].flat().forEach((a) => names.add(a));
    else collect(value);
  }
})(fixture.machine);
const actions = {};
for (const name of names) {
  actions[name] = name === "inc" ? assign({ count: ({ context }) => context.count + 1 })
    : name === "dec" ? assign({ count: ({ context }) => context.count - 1 })
    : () => {};
}
const machine = setup({ actions }).createMachine(fixture.machine);

function run(ms) {
  const actor = createActor(machine).start();
  let sent = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) actor.send(events[(sent + i) % events.length]);
    sent += 1000;
  }
  return sent;
}
run(Number(warmupArg));
const windowMs = Number(windowArg);
const started = performance.now();
const sent = run(windowMs);
console.log(JSON.stringify({ perSecond: sent / ((performance.now() - started) / 1000) }));
