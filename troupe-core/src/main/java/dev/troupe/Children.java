package dev.troupe;

import dev.troupe.history.History;
import java.util.List;

/**
 * The children of the actor whose turn is running: from {@link Actor#children()} (or the definition
 * SPI's {@code ActorContext.children()}). A child is an actor like any other, of any registered type,
 * with one more property: the durable link to the parent that spawned it. The link survives restarts
 * and lives in every store; destroying the parent destroys its children first, and the parent learns
 * of its children's failures ({@link Actor#onChildFailed}, {@link SupervisorStrategy}) and results
 * ({@link Actor#onChildFinished}).
 *
 * <h2>Keys</h2>
 * A child is named by its contract and a name the parent gives it. Its key is
 * {@code [parentId, name]}: the parent's id (not its key, which may be up to eight parts long and may
 * be reused once the parent is destroyed) and the name, so two parents never share a child, and the
 * name must be a valid key part (1 to 128 UTF-8 bytes). {@code ChildInfo.key()} gives the key for
 * callers outside the tree, who may address a child like any actor.
 *
 * <p>Every method works inside a turn of the parent only and, like a call to another actor, takes
 * effect at once: a spawn or a stop is not undone if the parent's turn then fails.
 */
public interface Children {

    /**
     * Creates a child of the type implementing {@code contract}, named {@code name}, with
     * {@code input} for its {@code initialState} and {@code onCreate}; returns a handle to it. Returns
     * once the child is durable. The input is kept with the child, as JSON, so that a restart from the
     * initial state ({@link SupervisorStrategy#fromInitialState()}) starts from it again.
     *
     * @throws TroupeException {@code actor/type_not_found} if no registered type implements the contract,
     *                         {@code actor/duplicate_key} if the parent has a child of that type and name,
     *                         {@code request/invalid_key} for a bad name, {@code request/invalid_args} if
     *                         the input has no JSON form, or the child's creation error
     */
    <C> C spawn(Class<C> contract, String name, Input input);

    /** {@link #spawn(Class, String, Input)} without input. */
    default <C> C spawn(Class<C> contract, String name) {
        return spawn(contract, name, Input.none());
    }

    /**
     * A handle to the existing child of that contract and name; its calls fail with
     * {@code actor/not_found} if there is none (it never creates one).
     */
    <C> C get(Class<C> contract, String name);

    /** The children of this actor, in id order (which is spawn order). */
    List<ChildInfo> list();

    /**
     * Stops the child of that contract and name: destroys it, its own children first; returns once
     * it is gone. Nothing happens if there is no such child.
     */
    void stop(Class<?> contract, String name);

    /**
     * The child's last committed state, of the child type's state class.
     *
     * @throws TroupeException {@code actor/not_found} if there is no such child
     */
    <S> S state(Class<?> contract, String name, Class<S> stateType);

    /**
     * The child's turn history, if its type keeps one.
     *
     * @throws TroupeException {@code actor/not_found} if there is no such child, {@code history/disabled}
     *                         if its type keeps no history
     */
    History history(Class<?> contract, String name);
}
