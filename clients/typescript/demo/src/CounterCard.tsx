import { useState } from "react";
import { ActorError } from "@troupe/client";
import { useActor, useEvent, useView } from "@troupe/client/react";
import type { Counter, CounterEvents, CounterView } from "./contracts.js";
import { StatusBadge } from "./StatusBadge.js";
import { ErrorNote } from "./ErrorNote.js";

/** Which counter a card shows: the Java `counter` or the WebAssembly `wasm-counter`, same actions and events. */
export interface CounterCardProps {
  type: string;
  title: string;
  blurb: string;
  /** Prefix of the card's test ids (`counter` gives `counter-value`, `counter-increment`...). */
  testId: string;
}

/** A live counter shared by everyone: the actor of `type` with key ["demo", "visits"]. */
export function CounterCard({ type, title, blurb, testId }: CounterCardProps) {
  const counter = useActor<Counter, CounterEvents, CounterView>(type, ["demo", "visits"]);
  const count = useView(counter, (view) => view.count);
  const [bump, setBump] = useState(0);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(0);
  useEvent(counter, "newCount", () => setBump((n) => n + 1));

  // While the connection is down the client queues the call and sends it on reconnect; the page
  // says so, and says it when the call fails instead.
  const increment = (amount: number) => {
    setError(undefined);
    setPending((n) => n + 1);
    counter.actions
      .increment(amount)
      .catch((e: unknown) => setError(e instanceof ActorError ? e.message : String(e)))
      .finally(() => setPending((n) => n - 1));
  };

  return (
    <section className="card counter" aria-labelledby={`${testId}-title`}>
      <header className="card-header">
        <div>
          <h2 id={`${testId}-title`}>{title}</h2>
          <p className="muted">{blurb}</p>
        </div>
        <StatusBadge status={counter.status} />
      </header>
      <div className="counter-body">
        <output key={bump} className="counter-value" data-testid={`${testId}-value`} aria-live="polite">
          {count ?? "–"}
        </output>
        <div className="counter-actions">
          <button
            type="button"
            className="button secondary"
            onClick={() => increment(-1)}
            data-testid={`${testId}-decrement`}
          >
            −1
          </button>
          <button type="button" className="button primary" onClick={() => increment(1)} data-testid={`${testId}-increment`}>
            +1
          </button>
        </div>
      </div>
      {pending > 0 && counter.status !== "open" && (
        <p className="pending" role="status" data-testid={`${testId}-pending`}>
          {pending === 1 ? "1 change" : `${pending} changes`} waiting to be sent when the connection is back…
        </p>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
