// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MachineView } from "../../src/machine.js";
import { Matches, TroupeProvider, useActor, useEvent, useMatches, useView } from "../../src/react/index.js";
import { createMockTroupe, type MockTroupe } from "../../src/testing.js";

interface Todos {
  send(event: { type: string; text?: string }): void;
}
interface TodoEvents {
  added: [text: string];
}
type TodoView = MachineView<{ todos: string[] }, { draft: string }>;

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const KEY = ["acme", "groceries"];
const READY: TodoView = { public: { todos: ["milk"] }, private: { draft: "" }, value: { list: "ready" } };

function TodoApp() {
  const todos = useActor<Todos, TodoEvents, TodoView>("todo-list", KEY);
  const items = useView(todos, (view) => view.public.todos.join(","));
  const saving = useMatches(todos, "list.saving");
  useEvent(todos, "added", (text) => {
    document.title = `added ${text}`;
  });
  return (
    <div>
      <p id="items">{items ?? "…"}</p>
      <p id="status" data-status={todos.status} data-saving={String(saving)} />
      <Matches actor={todos} state={{ list: "ready" }}>
        <button id="add" onClick={() => void todos.actions.send({ type: "ADD_TODO", text: "eggs" })}>
          add
        </button>
      </Matches>
      <Matches actor={todos} state="list.ready" not>
        <p id="busy">busy</p>
      </Matches>
    </div>
  );
}

let mock: MockTroupe;
let container: HTMLDivElement;
let root: Root;

function find(id: string): Element | null {
  return container.querySelector(`#${id}`);
}

async function until(check: () => void): Promise<void> {
  await act(async () => {
    await vi.waitFor(check, { timeout: 2000, interval: 5 });
  });
}

beforeEach(async () => {
  mock = createMockTroupe().actor("todo-list", KEY, {
    view: READY,
    actions: { send: (event: { type: string }) => ({ accepted: event.type }) },
  });
  container = document.createElement("div");
  root = createRoot(container);
  await act(async () => {
    root.render(
      <TroupeProvider client={mock.client}>
        <TodoApp />
      </TroupeProvider>,
    );
  });
});

afterEach(() => {
  act(() => root.unmount());
});

describe("the mock server", () => {
  it("serves the starting view, so components render from it without a server", async () => {
    await until(() => expect(find("items")?.textContent).toBe("milk"));
    expect(find("status")?.getAttribute("data-status")).toBe("open");
    expect(find("add")).not.toBeNull();
    expect(find("busy")).toBeNull();
  });

  it("records what the component sends, and answers with the action's result", async () => {
    await until(() => expect(find("add")).not.toBeNull());
    await act(async () => {
      (find("add") as HTMLButtonElement).click();
    });
    await until(() =>
      expect(mock.sent("todo-list", KEY)).toEqual([{ name: "send", args: [{ type: "ADD_TODO", text: "eggs" }] }]),
    );
    const connection = mock.client.actor<Todos>("todo-list", KEY).connect();
    await expect(connection.call("send", { type: "X" })).resolves.toEqual({ accepted: "X" });
    connection.close();
  });

  it("pushes view changes: useMatches and <Matches> follow the state value", async () => {
    await until(() => expect(find("add")).not.toBeNull());
    await act(async () => {
      await mock.setView("todo-list", KEY, {
        ...READY,
        public: { todos: ["milk", "eggs"] },
        value: { list: "saving" },
      });
    });
    await until(() => expect(find("items")?.textContent).toBe("milk,eggs"));
    expect(find("status")?.getAttribute("data-saving")).toBe("true");
    expect(find("add")).toBeNull();
    expect(find("busy")?.textContent).toBe("busy");
  });

  it("delivers events to subscribed components, and reconnects after a drop with the view intact", async () => {
    await until(() => expect(find("items")?.textContent).toBe("milk"));
    mock.emit("todo-list", KEY, "added", "eggs");
    await until(() => expect(document.title).toBe("added eggs"));

    mock.drop("todo-list", KEY);
    await until(() => expect(find("status")?.getAttribute("data-status")).toBe("open"));
    expect(find("items")?.textContent).toBe("milk");
  });
});
