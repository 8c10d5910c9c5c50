import { describe, expect, it } from "vitest";
import { checksum } from "../../src/canonical.js";
import type { ActorError } from "../../src/errors.js";
import type { JsonValue } from "../../src/json.js";
import type { PatchOperation } from "../../src/json-patch.js";
import { LiveView, type ViewFrame, type ViewRequest } from "../../src/view.js";

interface Chat {
  messages: string[];
}

function setup(verify = true) {
  const sent: ViewRequest[] = [];
  const warnings: ActorError[] = [];
  const view = new LiveView<Chat>({ send: (frame) => sent.push(frame), warn: (error) => warnings.push(error), verify });
  const seen: Chat[] = [];
  view.subscribe((value) => seen.push(value));
  return { view, sent, warnings, seen };
}

async function full(seq: number, value: JsonValue): Promise<ViewFrame> {
  return { type: "view", seq, checksum: await checksum(value), value };
}

async function patch(seq: number, ops: PatchOperation[], result: JsonValue): Promise<ViewFrame> {
  return { type: "view", seq, checksum: await checksum(result), patch: ops };
}

describe("LiveView", () => {
  it("takes a full value, then applies patches in sequence", async () => {
    const { view, sent, seen } = setup();
    view.start();
    expect(sent).toEqual([{ type: "view" }]);
    const ready = view.ready();
    await view.receive(await full(1, { messages: [] }));
    expect(await ready).toEqual({ messages: [] });
    await view.receive(await patch(2, [{ op: "add", path: "/messages/-", value: "hi" }], { messages: ["hi"] }));
    await view.receive(await patch(3, [{ op: "add", path: "/messages/-", value: "yo" }], { messages: ["hi", "yo"] }));
    expect(view.value).toEqual({ messages: ["hi", "yo"] });
    expect(view.seq).toBe(3);
    expect(view.checksum).toBe(await checksum({ messages: ["hi", "yo"] }));
    expect(seen).toEqual([{ messages: [] }, { messages: ["hi"] }, { messages: ["hi", "yo"] }]);
    expect(sent).toHaveLength(1);
  });

  it("resyncs without a checksum when a patch does not produce the announced checksum", async () => {
    const { view, sent, seen } = setup();
    view.start();
    await view.receive(await full(1, { messages: ["a"] }));
    const wrong: ViewFrame = {
      type: "view",
      seq: 2,
      checksum: await checksum({ messages: ["a", "server-side truth"] }),
      patch: [{ op: "add", path: "/messages/-", value: "diverged" }],
    };
    await view.receive(wrong);
    expect(view.value).toEqual({ messages: ["a"] });
    expect(sent).toEqual([{ type: "view" }, { type: "view" }]);
    // Frames of the abandoned sync are ignored; the new sync starts at seq 1 with a full value.
    await view.receive(await patch(3, [{ op: "add", path: "/messages/-", value: "x" }], { messages: ["a", "x"] }));
    await view.receive(await full(1, { messages: ["a", "server-side truth"] }));
    expect(view.value).toEqual({ messages: ["a", "server-side truth"] });
    expect(seen.at(-1)).toEqual({ messages: ["a", "server-side truth"] });
  });

  it("resyncs on a sequence gap", async () => {
    const { view, sent } = setup();
    view.start();
    await view.receive(await full(1, { messages: [] }));
    await view.receive(await patch(3, [{ op: "add", path: "/messages/-", value: "b" }], { messages: ["b"] }));
    expect(sent).toHaveLength(2);
    expect(view.value).toEqual({ messages: [] });
  });

  it("resyncs when a patch cannot apply", async () => {
    const { view, sent } = setup();
    view.start();
    await view.receive(await full(1, { messages: [] }));
    await view.receive(await patch(2, [{ op: "remove", path: "/messages/5" }], { messages: [] }));
    expect(sent).toEqual([{ type: "view" }, { type: "view" }]);
  });

  it("resumes from its checksum after a reconnection: an empty patch confirms the view", async () => {
    const { view, sent, seen } = setup();
    view.start();
    await view.receive(await full(1, { messages: ["kept"] }));
    await view.receive(
      await patch(2, [{ op: "add", path: "/messages/-", value: "more" }], { messages: ["kept", "more"] }),
    );
    view.start();
    const held = await checksum({ messages: ["kept", "more"] });
    expect(sent[1]).toEqual({ type: "view", checksum: held });
    await view.receive({ type: "view", seq: 1, checksum: held, patch: [] });
    expect(view.seq).toBe(1);
    expect(seen).toHaveLength(2);
    await view.receive(await patch(2, [{ op: "remove", path: "/messages/0" }], { messages: ["more"] }));
    expect(view.value).toEqual({ messages: ["more"] });
  });

  it("ignores frames queued from before a restart", async () => {
    const { view } = setup();
    view.start();
    const first = view.receive(await full(1, { messages: ["old"] }));
    view.start();
    await first;
    expect(view.value).toBeUndefined();
    await view.receive(await full(1, { messages: ["new"] }));
    expect(view.value).toEqual({ messages: ["new"] });
  });

  it("adopts a full value it cannot verify, warns once, and does not loop", async () => {
    const { view, sent, warnings } = setup();
    view.start();
    // The server printed a double as 1.0: JavaScript cannot reproduce that checksum.
    await view.receive({ type: "view", seq: 1, checksum: "f".repeat(64), value: { messages: [] } });
    expect(view.value).toEqual({ messages: [] });
    expect(warnings.map((w) => w.qualifiedCode)).toEqual(["client/view_unverifiable"]);
    await view.receive({
      type: "view",
      seq: 2,
      checksum: "e".repeat(64),
      patch: [{ op: "add", path: "/messages/-", value: "x" }],
    });
    expect(view.value).toEqual({ messages: ["x"] });
    expect(sent).toHaveLength(1);
    // A sequence gap still resyncs.
    await view.receive({ type: "view", seq: 4, checksum: "d".repeat(64), patch: [] });
    expect(sent).toHaveLength(2);
    // A full value that verifies turns verification back on.
    await view.receive(await full(1, { messages: ["y"] }));
    await view.receive({
      type: "view",
      seq: 2,
      checksum: "c".repeat(64),
      patch: [{ op: "add", path: "/messages/-", value: "z" }],
    });
    expect(view.value).toEqual({ messages: ["y"] });
    expect(sent).toHaveLength(3);
  });

  it("checks sequence only when verification is off", async () => {
    const { view, sent, warnings } = setup(false);
    view.start();
    await view.receive({ type: "view", seq: 1, checksum: "x", value: { messages: [] } });
    await view.receive({
      type: "view",
      seq: 2,
      checksum: "y",
      patch: [{ op: "add", path: "/messages/-", value: "a" }],
    });
    expect(view.value).toEqual({ messages: ["a"] });
    expect(sent).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it("does not notify when a frame leaves the value as it was", async () => {
    const { view, seen } = setup();
    view.start();
    await view.receive(await full(1, { messages: [] }));
    await view.receive(await patch(2, [{ op: "test", path: "/messages", value: [] }], { messages: [] }));
    expect(seen).toHaveLength(1);
    expect(view.seq).toBe(2);
  });

  it("rejects ready() when refused or failed", async () => {
    const { view } = setup();
    const refusal = { qualifiedCode: "auth/forbidden" } as ActorError;
    const pending = view.ready();
    view.refused(refusal);
    await expect(pending).rejects.toBe(refusal);
    view.fail(refusal);
    await expect(view.ready()).rejects.toBe(refusal);
  });
});
