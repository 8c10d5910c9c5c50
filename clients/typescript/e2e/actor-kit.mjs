// Browser test of actor-kit@0.47.0's React client (actor-kit/react) against the Troupe demo server's
// Actor Kit adapter, in Debian's Chromium (CHROMIUM_PATH) via playwright-core. Each page is rendered
// as an Actor Kit app renders it: on the "server" (here, this script) a token from createAccessToken
// and a snapshot from createActorFetch, handed to the page, whose Provider connects with them. The
// page (test/actor-kit/todo-page.mjs) is bundled with esbuild and served from a second origin, as an
// app's front end usually is. Scenario: an owner page and a watcher page on one todo list; the owner
// adds a todo and both show it; the watcher's add is refused and shows nowhere. Prints "N passed, N
// failed" and writes test-output/e2e-actor-kit.json.
import { build } from "esbuild";
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium, newWatchedPage, runSteps, test } from "./harness.mjs";
import { OUTPUT_DIR, PACKAGE_ROOT, startServer } from "../test/support/server.mjs";

/** The demo's public token secret (DemoSignIn.SECRET), which its Actor Kit adapter verifies with. */
const SECRET = "troupe-demo-only-secret-do-not-use-in-production";
const TYPE = "todo-list";

let server;
let pages;
let browser;
let createAccessToken;
let createActorFetch;

/**
 * actor-kit's server entry (createAccessToken, createActorFetch) for this script: it is published as
 * TypeScript source, which an app's bundler compiles; esbuild does that here.
 */
async function serverEntry() {
  const file = join(OUTPUT_DIR, "actor-kit-server.mjs");
  await build({
    stdin: {
      contents: 'export { createAccessToken, createActorFetch } from "actor-kit/server";',
      resolveDir: join(PACKAGE_ROOT, "test", "actor-kit"),
    },
    outfile: file,
    bundle: true,
    format: "esm",
    platform: "node",
    target: ["node20"],
    logLevel: "warning",
  });
  return import(pathToFileURL(file).href);
}

/** The page bundle: test/actor-kit/todo-page.mjs with actor-kit, React 18 and react-dom from test/actor-kit. */
async function bundle() {
  const output = await build({
    entryPoints: [join(PACKAGE_ROOT, "test", "actor-kit", "todo-page.mjs")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  return output.outputFiles[0].text;
}

/** Serves each page's HTML (the props in window.ACTOR_KIT, by id) and the bundle. */
async function servePages(script) {
  const props = new Map();
  const http = createServer((request, response) => {
    const url = new URL(request.url, "http://page");
    if (url.pathname === "/todo-page.js") {
      response.writeHead(200, { "Content-Type": "text/javascript" }).end(script);
    } else if (url.pathname === "/favicon.ico") {
      response.writeHead(204).end();
    } else if (url.pathname === "/" && props.has(url.searchParams.get("page"))) {
      const json = JSON.stringify(props.get(url.searchParams.get("page"))).replaceAll("<", "\\u003c");
      response
        .writeHead(200, { "Content-Type": "text/html" })
        .end(
          `<!doctype html><html><body><div id="root"></div>` +
            `<script>window.ACTOR_KIT = ${json};</script><script type="module" src="/todo-page.js"></script></body></html>`,
        );
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${http.address().port}/`,
    add: (id, value) => props.set(id, value),
    close: () => new Promise((resolve) => http.close(resolve)),
  };
}

/** Renders the page of a new caller of `actorId` "on the server", then opens it in its own browser context. */
async function openPage(label, actorId) {
  const host = new URL(server.url).host;
  const accessToken = await createAccessToken({
    signingKey: SECRET,
    actorId,
    actorType: TYPE,
    callerId: randomUUID(),
    callerType: "client",
  });
  const { snapshot, checksum } = await createActorFetch({ actorType: TYPE, host })({ actorId, accessToken });
  pages.add(label, { host, actorId, accessToken, checksum, initialSnapshot: snapshot });
  const page = await newWatchedPage(browser, label);
  await page.goto(`${pages.url}?page=${label}`);
  await page.waitForSelector("[data-testid=state][data-connected=true]");
  return page;
}

const todos = (page) => page.getByTestId("todo").allTextContents();

async function expectTodos(page, expected) {
  await page.waitForFunction(
    (texts) =>
      JSON.stringify([...document.querySelectorAll("[data-testid=todo]")].map((item) => item.textContent)) ===
      JSON.stringify(texts),
    expected,
  );
}

async function add(page, text) {
  await page.getByTestId("text").fill(text);
  await page.getByTestId("add").click();
}

async function main() {
  ({ createAccessToken, createActorFetch } = await serverEntry());
  pages = await servePages(await bundle());
  // The page comes from a second origin, which the server must allow, as an Actor Kit app's would be.
  server = await startServer({ name: "e2e-actor-kit", args: ["--cors-origin", new URL(pages.url).origin] });
  browser = await launchChromium();
  const actorId = `ak-e2e-${randomUUID()}`;
  // The owner's server-side fetch creates the list, so its caller owns it; the watcher comes second.
  const owner = await openPage("owner", actorId);
  const watcher = await openPage("watcher", actorId);

  await test("both pages render the server-fetched snapshot and connect", async () => {
    for (const page of [owner, watcher]) {
      if ((await page.getByTestId("state").textContent()) !== "empty") throw new Error("the list is not empty");
      if ((await todos(page)).length !== 0) throw new Error("the new list has todos");
    }
  });

  await test("the owner adds a todo; both pages show it", async () => {
    await add(owner, "milk");
    await expectTodos(owner, ["milk"]);
    await expectTodos(watcher, ["milk"]);
    await watcher.waitForFunction(() => document.querySelector("[data-testid=state]")?.textContent === "active");
    await owner.screenshot({ path: join(OUTPUT_DIR, "e2e-actor-kit-owner.png") });
  });

  await test("the watcher's add is refused: no page shows it, and the owner's next one arrives", async () => {
    await add(watcher, "not yours");
    await add(owner, "bread");
    await expectTodos(owner, ["milk", "bread"]);
    await expectTodos(watcher, ["milk", "bread"]);
    const fetched = await createActorFetch({ actorType: TYPE, host: new URL(server.url).host })({
      actorId,
      accessToken: await createAccessToken({
        signingKey: SECRET,
        actorId,
        actorType: TYPE,
        callerId: randomUUID(),
        callerType: "client",
      }),
    });
    const texts = fetched.snapshot.public.todos.map((todo) => todo.text);
    if (JSON.stringify(texts) !== JSON.stringify(["milk", "bread"])) throw new Error(`the list holds ${texts}`);
    await watcher.screenshot({ path: join(OUTPUT_DIR, "e2e-actor-kit-watcher.png") });
  });

  await test("no page logged an error", async () => {
    const errors = [...owner.errors, ...watcher.errors];
    if (errors.length > 0) throw new Error(errors.join("\n"));
  });
}

await runSteps("e2e-actor-kit", main, async () => {
  await browser?.close().catch(() => {});
  await pages?.close().catch(() => {});
  await server?.stop().catch(() => {});
});
