import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startServer, type TestServer } from "../support/server.mjs";
import { clientFor, failure, uniqueKey, type TodoList, type TodoListView as TodoView } from "./contracts.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ name: "integration-machine" });
});

afterAll(async () => {
  await server?.stop();
});

describe("waits for a machine's state or event, against the demo's todo-list", () => {
  it("waits over HTTP for a state, answering at once when the machine is in it", async () => {
    const list = clientFor(server.url).actor<TodoList, never, TodoView>("todo-list", uniqueKey("wait-http"));
    await list.call("send", { type: "SET_DRAFT", text: "" });
    expect((await list.waitForState("empty", { timeoutMs: 0 })).view.value).toBe("empty");

    const active = list.waitForState("active", { timeoutMs: 20_000 });
    await list.call("send", { type: "ADD_TODO", text: "milk" });
    const snapshot = await active;
    expect(snapshot.view.value).toBe("active");
    expect(snapshot.view.public.todos.map((todo) => todo.text)).toEqual(["milk"]);
    expect(typeof snapshot.checksum).toBe("string");
  });

  it("waits over WebSocket for a state and for a processed event", async () => {
    const list = clientFor(server.url).actor<TodoList, never, TodoView>("todo-list", uniqueKey("wait-ws"));
    const connection = list.connect();
    try {
      await connection.call("send", { type: "SET_DRAFT", text: "" });
      const active = connection.waitForState("active", { timeoutMs: 20_000 });
      const drafted = connection.waitForEvent("SET_DRAFT", { timeoutMs: 20_000 });
      await connection.call("send", { type: "ADD_TODO", text: "bread" });
      expect((await active).public.todos.map((todo) => todo.text)).toEqual(["bread"]);

      // The event wait may be registered after a SET_DRAFT: send until one is processed while it waits.
      let answered: TodoView | undefined;
      void drafted.then((view) => (answered = view));
      await vi.waitFor(
        async () => {
          await connection.call("send", { type: "SET_DRAFT", text: "typing" });
          expect(answered).toBeDefined();
        },
        { timeout: 20_000, interval: 50 },
      );
      expect(answered?.private.draft).toBe("typing");
    } finally {
      connection.close();
    }
  });

  it("fails with machine/wait_timeout when the state or event does not come, over HTTP and WebSocket", async () => {
    const list = clientFor(server.url).actor<TodoList, never, TodoView>("todo-list", uniqueKey("wait-timeout"));
    await list.call("send", { type: "SET_DRAFT", text: "" });
    const overHttp = await failure(list.waitForState("active", { timeoutMs: 50 }));
    expect(overHttp).toMatchObject({ group: "machine", code: "wait_timeout", status: 408 });

    const connection = list.connect();
    try {
      const overSocket = await failure(connection.waitForEvent("DELETE_TODO", { timeoutMs: 50 }));
      expect(overSocket).toMatchObject({ group: "machine", code: "wait_timeout" });
    } finally {
      connection.close();
    }
  });
});
