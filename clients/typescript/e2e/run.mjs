// Browser end-to-end tests of the demo web app: two pages (separate browser contexts, like two
// people) on a server started by test/support/server.mjs, driven by playwright-core in Debian's
// Chromium (CHROMIUM_PATH, default /usr/bin/chromium; never a downloaded browser). Screenshots go to
// test-output/. Prints "N passed, N failed" and exits non-zero on any failure.
import { join } from "node:path";
import { launchChromium, newWatchedPage, runSteps, test } from "./harness.mjs";
import { OUTPUT_DIR, startServer } from "../test/support/server.mjs";

let server;
let browser;
/** The todo list every page of this run shows (`?list=`), so that the run's first page creates and owns it. */
const todoList = `e2e-${Date.now().toString(36)}`;

async function screenshot(page, name) {
  await page.screenshot({ path: join(OUTPUT_DIR, `e2e-${name}.png`), fullPage: true });
}

/** Opens the demo in a fresh browser context and fails the run on any uncaught page error. */
async function openPage(label, viewport = { width: 1180, height: 820 }) {
  const page = await newWatchedPage(browser, label, { viewport });
  await page.goto(`${server.url}?list=${todoList}`);
  return page;
}

const counterValue = (page, counter = "counter") => page.getByTestId(`${counter}-value`);
const statuses = (page) => page.getByTestId("status");

async function waitAllLive(page) {
  await page.waitForFunction(() => {
    const badges = [...document.querySelectorAll("[data-testid=status]")];
    return badges.length >= 2 && badges.every((badge) => badge.getAttribute("data-status") === "open");
  });
}

async function readCount(page, counter = "counter") {
  const text = await counterValue(page, counter).textContent();
  const count = Number(text);
  if (!Number.isInteger(count)) throw new Error(`the counter shows '${text}'`);
  return count;
}

async function expectCount(page, expected, counter = "counter") {
  await page.waitForFunction(
    ([value, id]) => document.querySelector(`[data-testid=${id}-value]`)?.textContent === String(value),
    [expected, counter],
  );
}

async function expectMessage(page, text) {
  await page.getByTestId("chat-messages").getByText(text, { exact: true }).waitFor();
}

async function todoRole(page, role) {
  await page.waitForSelector(`[data-testid=todo-role][data-role=${role}]`);
}

async function todoStatus(page, status) {
  await page.waitForSelector(`.todo [data-testid=status][data-status=${status}]`);
}

async function addTodo(page, text) {
  await page.getByTestId("todo-input").fill(text);
  await page.getByTestId("todo-add").click();
  await expectTodo(page, text);
}

async function expectTodo(page, text) {
  await page.getByTestId("todo-items").getByText(text, { exact: true }).waitFor();
}

async function sendMessage(page, name, text) {
  await page.getByTestId("chat-name").fill(name);
  await page.getByTestId("chat-input").fill(text);
  await page.getByTestId("chat-send").click();
}

async function main() {
  server = await startServer({ name: "e2e" });
  browser = await launchChromium();
  const run = Date.now().toString(36);
  const ada = await openPage("ada");
  // Ada's page creates the todo list, so she owns it; Bob's opens once it exists and only watches.
  await todoRole(ada, "owner");
  const bob = await openPage("bob");

  await test("both pages load the demo and go live", async () => {
    await waitAllLive(ada);
    await waitAllLive(bob);
    await ada.getByText("No messages yet. Say hello!").or(ada.getByTestId("chat-message").first()).waitFor();
    await screenshot(ada, "1-loaded");
  });

  await test("a chat message sent in one page appears in the other", async () => {
    await sendMessage(ada, "Ada", `Hello from Ada ${run}`);
    await expectMessage(bob, `Hello from Ada ${run}`);
    await sendMessage(bob, "Bob", `Hi Ada, Bob here ${run}`);
    await expectMessage(ada, `Hi Ada, Bob here ${run}`);
    await expectMessage(bob, `Hi Ada, Bob here ${run}`);
    await screenshot(bob, "2-chat");
  });

  await test("the assistant streams an answer, and the running child's rollup appears under the message", async () => {
    await ada.getByTestId("chat-new").click();
    await ada.getByTestId("assistant-offline").waitFor();
    await ada.getByTestId("child-toggle-extractor").click();
    await ada.locator("[data-testid=child-extractor][data-running=true]").waitFor();
    await ada.getByTestId("chat-compose-input").fill(`Plan ${run}: TODO: read https://troupe.dev/docs`);
    await ada.getByTestId("chat-compose-send").click();
    await ada.getByTestId("chat-streaming").getByText("Offline responder").waitFor();
    await screenshot(ada, "2-assistant-streaming");
    const answer = ada.locator("[data-testid=chat-msg][data-role=assistant]");
    await answer.getByText("Offline responder").waitFor();
    await ada.getByTestId("chat-streaming").waitFor({ state: "detached" });
    const rollup = ada.locator("[data-testid=chat-msg][data-role=user] [data-testid=chat-rollup][data-complete=true]");
    await rollup.getByText("https://troupe.dev/docs").waitFor();
    await screenshot(ada, "2-assistant-rollup");
  });

  await test("a second page on the same conversation sees an edit made in the first as a new branch", async () => {
    const owner = await ada.evaluate(() => localStorage.getItem("troupe-demo-id"));
    const watcher = await newWatchedPage(browser, "watcher", { viewport: { width: 1180, height: 820 } });
    await watcher.goto(`${server.url}?list=${todoList}&chat=${owner}/c1`);
    await watcher.locator("[data-testid=chat-msg][data-role=assistant]").getByText("Offline responder").waitFor();
    await ada.locator("[data-testid=chat-msg][data-role=user]").getByTestId("msg-edit").click();
    await ada.getByLabel("Edited message").fill(`Edited plan ${run}`);
    await ada.getByRole("button", { name: "Save" }).click();
    await watcher.getByTestId("chat-thread").getByText(`Edited plan ${run}`, { exact: true }).waitFor();
    await watcher.getByTestId("branch-pos").getByText("2/2").waitFor();
    await watcher.getByRole("button", { name: "Previous branch" }).click();
    await watcher
      .getByTestId("chat-thread")
      .getByText(`Plan ${run}: TODO: read https://troupe.dev/docs`, { exact: true })
      .waitFor();
    await screenshot(watcher, "2-assistant-branch");
    if (watcher.errors.length > 0) throw new Error(watcher.errors.join("\n"));
    await watcher.context().close();
  });

  await test("the counter clicked in one page updates in the other", async () => {
    const before = await readCount(ada);
    await bob.getByTestId("counter-increment").click();
    await expectCount(ada, before + 1);
    await ada.getByTestId("counter-increment").click();
    await ada.getByTestId("counter-increment").click();
    await expectCount(bob, before + 3);
    await expectCount(ada, before + 3);
    await screenshot(ada, "3-counter");
  });

  await test("the WebAssembly counter clicked in one page updates in the other", async () => {
    const before = await readCount(ada, "wasm-counter");
    await bob.getByTestId("wasm-counter-increment").click();
    await expectCount(ada, before + 1, "wasm-counter");
    await ada.getByTestId("wasm-counter-increment").click();
    await expectCount(bob, before + 2, "wasm-counter");
    await screenshot(ada, "3-wasm-counter");
  });

  await test("pages reconnect after a server restart and show the current state", async () => {
    const before = await readCount(ada);
    await server.stop();
    await ada.waitForFunction(() =>
      [...document.querySelectorAll("[data-testid=status]")].some(
        (badge) => badge.getAttribute("data-status") === "reconnecting",
      ),
    );
    // Clicked while the server is down: the call waits in the client's queue, and the page says so.
    await ada.getByTestId("counter-increment").click();
    await ada.getByTestId("counter-pending").getByText("1 change waiting to be sent").waitFor();
    await screenshot(ada, "4-server-down");
    server = await startServer({ name: "e2e", port: server.port, dataDir: server.dataDir });
    await waitAllLive(ada);
    await waitAllLive(bob);
    await expectCount(ada, before + 1);
    await ada.getByTestId("counter-pending").waitFor({ state: "detached" });
    await expectCount(bob, before + 1);
    await expectMessage(bob, `Hello from Ada ${run}`);
    await ada.getByTestId("chat-thread").getByText(`Edited plan ${run}`, { exact: true }).waitFor();
    await sendMessage(bob, "Bob", `Back after the restart ${run}`);
    await expectMessage(ada, `Back after the restart ${run}`);
    await screenshot(ada, "5-after-restart-ada");
    await screenshot(bob, "5-after-restart-bob");
  });

  await test("the todo list's owner adds and toggles; the watcher sees it live and cannot change it", async () => {
    await todoRole(bob, "watcher");
    await bob.getByTestId("todo-empty").waitFor();
    if (!(await bob.getByTestId("todo-input").isDisabled())) throw new Error("the watcher can type a todo");
    if (!(await bob.getByTestId("todo-add").isDisabled())) throw new Error("the watcher can add a todo");
    await addTodo(ada, `Buy milk ${run}`);
    await expectTodo(bob, `Buy milk ${run}`);
    await bob.getByTestId("todo-empty").waitFor({ state: "detached" });
    await ada.getByTestId("todo-item").getByText(`Buy milk ${run}`).click();
    await bob.waitForSelector("[data-testid=todo-item][data-done=true]");
    if (!(await bob.getByTestId("todo-item").getByRole("checkbox").isDisabled())) {
      throw new Error("the watcher can toggle a todo");
    }
    if ((await bob.getByRole("button", { name: /^Delete / }).count()) !== 0) throw new Error("the watcher can delete");
    await screenshot(bob, "6-todo-watcher");
  });

  await test("the owner's draft is private: it never reaches the watcher's page", async () => {
    await ada.getByTestId("todo-input").fill(`secret plan ${run}`);
    await ada.getByTestId("todo-draft").getByText(`secret plan ${run}`).waitFor();
    await addTodo(ada, `Bake bread ${run}`);
    await expectTodo(bob, `Bake bread ${run}`);
    if ((await bob.content()).includes("secret plan")) throw new Error("the owner's draft reached the watcher");
  });

  await test("the todo list and its owner survive a server restart; both pages stay in sync", async () => {
    await server.stop();
    await todoStatus(ada, "reconnecting");
    server = await startServer({ name: "e2e", port: server.port, dataDir: server.dataDir });
    await todoStatus(ada, "open");
    await todoStatus(bob, "open");
    await expectTodo(bob, `Bake bread ${run}`);
    await todoRole(ada, "owner");
    await todoRole(bob, "watcher");
    await addTodo(ada, `After the restart ${run}`);
    await expectTodo(bob, `After the restart ${run}`);
    await screenshot(ada, "6-todo-after-restart-owner");
  });

  await test("a page opened after the restart shows the durable state", async () => {
    const carol = await openPage("carol");
    await waitAllLive(carol);
    await expectCount(carol, await readCount(ada));
    await expectMessage(carol, `Back after the restart ${run}`);
    await screenshot(carol, "6-new-page");
  });

  await test("an empty name cannot post: the page asks for one", async () => {
    await ada.getByTestId("chat-name").fill("");
    await ada.getByTestId("chat-input").fill(`Nameless ${run}`);
    await ada.getByTestId("chat-name-hint").getByText("Enter your name").waitFor();
    if (!(await ada.getByTestId("chat-send").isDisabled())) throw new Error("Send is enabled with an empty name");
    await ada.getByTestId("chat-input").press("Enter");
    await ada.getByTestId("chat-name").fill("Ada");
    await ada.getByTestId("chat-name-hint").waitFor({ state: "detached" });
    const posted = await bob.getByTestId("chat-messages").getByText(`Nameless ${run}`).count();
    if (posted !== 0) throw new Error("a message was posted without a name");
  });

  for (const width of [360, 390]) {
    await test(`the page fits ${width} px wide without sideways scrolling`, async () => {
      const narrow = await openPage(`narrow-${width}`, { width, height: 740 });
      await waitAllLive(narrow);
      const { scrollWidth, innerWidth } = await narrow.evaluate(() => ({
        scrollWidth: document.scrollingElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      await screenshot(narrow, `7-width-${width}`);
      if (scrollWidth > innerWidth) throw new Error(`scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
      await narrow.context().close();
    });
  }

  await test("the page links to the docs and to the OpenAPI document it is served with", async () => {
    const links = ada.getByTestId("doc-links").getByRole("link");
    const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.href));
    for (const path of ["docs/getting-started.md", "docs/protocol.md", "clients/typescript"]) {
      if (!hrefs.some((href) => href.includes(path))) throw new Error(`no link to ${path} in ${hrefs.join(", ")}`);
    }
    const openapi = hrefs.find((href) => href.endsWith("/v1/openapi.json"));
    if (openapi === undefined || !openapi.startsWith(server.url)) throw new Error(`no served OpenAPI link: ${hrefs}`);
    const document = await (await ada.request.get(openapi)).json();
    if (typeof document.openapi !== "string") throw new Error("the OpenAPI link does not answer an OpenAPI document");
  });

  await test("no page logged an error", async () => {
    const errors = [...ada.errors, ...bob.errors].filter(
      (text) => !/WebSocket connection to .* failed|ERR_CONNECTION_REFUSED/.test(text),
    );
    if (errors.length > 0) throw new Error(errors.join("\n"));
  });
}

await runSteps("e2e", main, async () => {
  await browser?.close().catch(() => {});
  await server?.stop().catch(() => {});
});
