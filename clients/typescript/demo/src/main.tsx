import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createClient } from "@troupe/client";
import { TroupeProvider } from "@troupe/client/react";
import { AssistantCard } from "./AssistantCard.js";
import { ChatCard } from "./ChatCard.js";
import { CounterCard } from "./CounterCard.js";
import { demoToken } from "./identity.js";
import { TodoCard } from "./TodoCard.js";

/** The project's repository, from package.json's `homepage` (set by demo/build.mjs). */
declare const REPOSITORY: string;

// Demo only: every browser signs in as a guest id of its own, so the todo list can tell its owner.
const client = createClient({ url: location.origin, getToken: demoToken });

function App() {
  return (
    <>
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◆
          </span>
          Troupe
        </div>
        <p className="tagline">Durable realtime actors — open this page twice and watch both.</p>
      </header>
      <main className="grid">
        <CounterCard type="counter" title="Counter" blurb="One durable number, shared by every open page." testId="counter" />
        <CounterCard
          type="wasm-counter"
          title="WebAssembly counter"
          blurb="The same counter as a sandboxed WebAssembly module (troupe-wasm's counter.wat)."
          testId="wasm-counter"
        />
        <ChatCard />
        <TodoCard />
        <AssistantCard />
      </main>
      <footer className="foot muted">
        <p>
          State lives in actors on the server; this page talks to them over <code>@troupe/client</code>.
        </p>
        <nav className="links" aria-label="Documentation" data-testid="doc-links">
          <a href={`${REPOSITORY}/blob/main/docs/getting-started.md`}>Getting started</a>
          <a href={`${REPOSITORY}/blob/main/docs/protocol.md`}>Wire protocol</a>
          <a href="v1/openapi.json">OpenAPI document</a>
          <a href={`${REPOSITORY}/tree/main/clients/typescript`}>TypeScript client</a>
          <a href={REPOSITORY}>Source</a>
        </nav>
      </footer>
    </>
  );
}

const root = document.getElementById("root");
if (root === null) throw new Error("index.html needs an element with id 'root'");
createRoot(root).render(
  <StrictMode>
    <TroupeProvider client={client}>
      <App />
    </TroupeProvider>
  </StrictMode>,
);
