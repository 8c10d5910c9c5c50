/**
 * Actor definitions: the SPI that describes a kind of actor without assuming a Java class.
 *
 * <h2>The parts</h2>
 * An {@link dev.troupe.definition.ActorDefinition} names the type and lists its
 * {@link dev.troupe.definition.ActionDefinition actions} (each with the JSON Schemas of its
 * {@link dev.troupe.definition.Parameter parameters} and result) and
 * {@link dev.troupe.definition.EventDefinition events}; it may apply its own
 * {@link dev.troupe.TypeOptions settings}, and it makes an {@link dev.troupe.definition.ActorBehaviour}
 * per activation. The runtime owns everything else: the mailbox and turns, state and its durability,
 * schedules, timers, connections, views, access rules, and the transports. The behaviour sees a turn
 * only through its {@link dev.troupe.definition.ActorContext}.
 *
 * <h2>How a call reaches a behaviour</h2>
 * <ol>
 *   <li>A caller names the type, the key, the action and sends the arguments as a JSON array (over
 *       HTTP or WebSocket; a schedule stores them as JSON too).</li>
 *   <li>The runtime checks the action exists, the caller may call it, the array's length, and that no
 *       non-{@linkplain dev.troupe.definition.Parameter#nullable nullable} argument is null; then
 *       {@link dev.troupe.definition.ActionDefinition#decode} converts each argument. The default
 *       decoding validates it against the parameter's schema, compiled once with the
 *       {@link dev.troupe.definition.Parameter} ({@link dev.troupe.schema.SchemaCheck}, every keyword of
 *       JSON Schema draft 2020-12), and passes the JSON value on. Any refusal is {@code request/invalid_args} with a message
 *       naming the action, the parameter and the problem in plain words.</li>
 *   <li>In the actor's next turn, {@link dev.troupe.definition.ActorBehaviour#invoke} gets the action's
 *       name and the decoded arguments. Its result is serialised to JSON for remote callers.</li>
 * </ol>
 *
 * <h2>Plugging in a kind that is not a Java class</h2>
 * Implement the three interfaces; keep state as a JSON tree (the default
 * {@link dev.troupe.definition.ActorDefinition#stateType}) or as any Jackson-readable type.
 * <ul>
 *   <li>A <b>state machine</b> (XState-like) reads its chart at startup: the events it accepts become
 *       actions (their payload schemas the parameters), {@code invoke} runs one transition and sets the
 *       new configuration and context as the state, and emitted events become broadcasts.</li>
 *   <li>A <b>WebAssembly module</b> exports its action table and schemas; {@code newBehaviour}
 *       instantiates the module, {@code invoke} passes the JSON arguments and state into it and the
 *       context's methods are the host functions it imports.</li>
 *   <li>An <b>LLM agent</b> declares tools as actions; {@code invoke} runs one step of the agent with
 *       the conversation kept in the state.</li>
 * </ul>
 * Whatever the kind, a turn is the unit: everything the behaviour does through the context commits
 * with the turn or not at all, and only read-only actions and views may run beside another turn.
 *
 * <p>Java actor classes ({@code Troupe.Builder.register(Class)}) are one implementation of this SPI:
 * their contract's methods are the actions, the parameter and result schemas are derived from the Java
 * types ({@link dev.troupe.schema.JavaSchemas}), arguments decode with Jackson to those types, and the
 * behaviour dispatches to the methods and the {@link dev.troupe.Actor} hooks.
 */
package dev.troupe.definition;
