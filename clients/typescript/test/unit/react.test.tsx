// @vitest-environment jsdom
import { act, StrictMode, useState } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createClient, type TroupeClient } from "../../src/index.js";
import { TroupeProvider, useActor, useEvent, useView } from "../../src/react/index.js";
import { FakeSockets, flush } from "../support/fake-socket.js";

interface Counter {
  increment(amount: number): number;
}
interface CounterEvents {
  newCount: [count: number];
}
interface CounterView {
  count: number;
  label: string;
}

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let sockets: FakeSockets;
let client: TroupeClient;
let container: HTMLDivElement;
let root: Root;
let renders = 0;

function Count({ id }: { id: string }) {
  const counter = useActor<Counter, CounterEvents, CounterView>("counter", ["demo", "visits"]);
  const count = useView(counter, (view) => view.count);
  renders += 1;
  return (
    <p id={id} data-status={counter.status}>
      {count ?? "…"}
    </p>
  );
}

function Events() {
  const counter = useActor<Counter, CounterEvents, CounterView>("counter", ["demo", "visits"]);
  const [seen, setSeen] = useState<number[]>([]);
  useEvent(counter, "newCount", (n) => setSeen((all) => [...all, n]));
  return <p id="events">{seen.join(",")}</p>;
}

function text(id: string): string | null | undefined {
  return container.querySelector(`#${id}`)?.textContent;
}

beforeEach(() => {
  vi.useFakeTimers();
  sockets = new FakeSockets();
  // Checksums are covered by the view tests; WebCrypto's digest does not settle inside act().
  client = createClient({ url: "http://h", WebSocket: sockets.factory, verifyViews: false });
  container = document.createElement("div");
  root = createRoot(container);
  renders = 0;
});

afterEach(() => {
  act(() => root.unmount());
  vi.useRealTimers();
});

async function serveView(value: CounterView) {
  await act(async () => {
    sockets.last.receive({ type: "view", seq: 1, checksum: "-", value });
    await flush();
  });
}

describe("React bindings", () => {
  it("share one connection between components and render the selected view", async () => {
    await act(async () => {
      root.render(
        <StrictMode>
          <TroupeProvider client={client}>
            <Count id="a" />
            <Count id="b" />
          </TroupeProvider>
        </StrictMode>,
      );
      await flush();
    });
    expect(sockets.all).toHaveLength(1);
    expect(text("a")).toBe("…");
    await act(async () => sockets.last.accept());
    expect(container.querySelector("#a")?.getAttribute("data-status")).toBe("open");
    expect(sockets.last.framesOf("view")).toHaveLength(1);
    await serveView({ count: 3, label: "x" });
    expect(text("a")).toBe("3");
    expect(text("b")).toBe("3");
  });

  it("re-render only when the selected part changes", async () => {
    await act(async () => {
      root.render(
        <TroupeProvider client={client}>
          <Count id="a" />
        </TroupeProvider>,
      );
      await flush();
    });
    await act(async () => sockets.last.accept());
    await serveView({ count: 1, label: "x" });
    const before = renders;
    const frame = { type: "view", seq: 2, checksum: "-", patch: [{ op: "replace", path: "/label", value: "y" }] };
    await act(async () => {
      sockets.last.receive(frame);
      await flush();
    });
    expect(renders).toBe(before);
    expect(text("a")).toBe("1");
  });

  it("deliver events and close the shared connection after the last user unmounts", async () => {
    await act(async () => {
      root.render(
        <TroupeProvider client={client}>
          <Events />
          <Count id="a" />
        </TroupeProvider>,
      );
      await flush();
    });
    await act(async () => sockets.last.accept());
    expect(sockets.last.framesOf("subscribe")).toEqual([{ type: "subscribe", event: "newCount" }]);
    await act(async () => sockets.last.receive({ type: "event", name: "newCount", args: [4] }));
    expect(text("events")).toBe("4");
    await act(async () => root.render(<TroupeProvider client={client} />));
    expect(sockets.last.closedWith).toBeUndefined();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_000);
    });
    expect(sockets.last.closedWith).toEqual({ code: 1000, reason: "client closed" });
  });

  it("explain a missing provider", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => act(() => root.render(<Count id="a" />))).toThrow(/TroupeProvider/);
    spy.mockRestore();
  });
});
