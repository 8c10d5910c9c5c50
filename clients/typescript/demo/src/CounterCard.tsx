import { useState } from "react";
import { ActorError } from "@troupe/client";
import { useActor, useEvent, useView } from "@troupe/client/react";
import type { Counter, CounterEvents, CounterView } from "./contracts.js";
import { StatusBadge } from "./StatusBadge.js";
import { ErrorNote } from "./ErrorNote.js";

/** A live counter shared by everyone: the `counter` actor with key ["demo", "visits"]. */
export function CounterCard() {
  const counter = useActor<Counter, CounterEvents, CounterView>("counter", ["demo", "visits"]);
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
    <section className="card counter" aria-labelledby="counter-title">
      <header className="card-header">
        <div>
          <h2 id="counter-title">Counter</h2>
          <p className="muted">One durable number, shared by every open page.</p>
        </div>
        <StatusBadge status={counter.status} />
      </header>
      <div className="counter-body">
        <output key={bump} className="counter-value" data-testid="counter-value" aria-live="polite">
          {count ?? "–"}
        </output>
        <div className="counter-actions">
          <button
            type="button"
            className="button secondary"
            onClick={() => increment(-1)}
            data-testid="counter-decrement"
          >
            −1
          </button>
          <button type="button" className="button primary" onClick={() => increment(1)} data-testid="counter-increment">
            +1
          </button>
        </div>
      </div>
      {pending > 0 && counter.status !== "open" && (
        <p className="pending" role="status" data-testid="counter-pending">
          {pending === 1 ? "1 change" : `${pending} changes`} waiting to be sent when the connection is back…
        </p>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
