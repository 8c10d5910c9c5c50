import { createElement, Fragment, type ReactNode } from "react";
import type { MachineView, StateValue } from "../machine.js";
import { useMatches, type ActorBinding } from "./hooks.js";

/** Props of {@link Matches}. */
export interface MatchesProps<A, E, V extends MachineView> {
  /** The machine actor, from {@link useActor}. */
  readonly actor: ActorBinding<A, E, V>;
  /** The state to test, as in {@link useMatches}. */
  readonly state: StateValue;
  /** Render the children when the machine is *not* in `state` instead. */
  readonly not?: boolean;
  readonly children?: ReactNode;
}

/**
 * Renders its children only while the machine actor is in `state` (or, with `not`, while it is not);
 * nothing before the first view arrives.
 *
 * @example
 * <Matches actor={todos} state="editing"><Editor /></Matches>
 */
export function Matches<A, E, V extends MachineView>({
  actor,
  state,
  not = false,
  children,
}: MatchesProps<A, E, V>): ReactNode {
  const matches = useMatches(actor, state);
  const arrived = actor.connection.view().value !== undefined;
  return arrived && matches !== not ? createElement(Fragment, null, children) : null;
}
