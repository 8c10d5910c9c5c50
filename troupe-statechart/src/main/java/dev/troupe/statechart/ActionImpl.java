package dev.troupe.statechart;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How a named action (or a delay's built-in schedule and cancel) acts on a running macrostep. */
sealed interface ActionImpl {
    void run(String name, Macrostep step, ObjectNode event);

    record AssignImpl(Implementations.Assigner assigner) implements ActionImpl {
        @Override
        public void run(String name, Macrostep step, ObjectNode event) {
            step.assign(assigner.assign(step.context().deepCopy(), event), name);
        }
    }

    record RaiseImpl(Implementations.EventFactory factory) implements ActionImpl {
        @Override
        public void run(String name, Macrostep step, ObjectNode event) {
            ObjectNode raised = Events.checked(factory.create(step.context(), event), name);
            step.raise(raised);
            step.record(new Action.Raise(name, raised));
        }
    }

    record SendToImpl(Implementations.Addressee to, Implementations.EventFactory factory) implements ActionImpl {
        @Override
        public void run(String name, Macrostep step, ObjectNode event) {
            step.record(new Action.SendTo(name, to.to(step.context(), event),
                    Events.checked(factory.create(step.context(), event), name)));
        }
    }

    record SendParentImpl(Implementations.EventFactory factory) implements ActionImpl {
        @Override
        public void run(String name, Macrostep step, ObjectNode event) {
            step.record(new Action.SendParent(name, Events.checked(factory.create(step.context(), event), name)));
        }
    }

    record EmitImpl(Implementations.EventFactory factory) implements ActionImpl {
        @Override
        public void run(String name, Macrostep step, ObjectNode event) {
            step.record(new Action.Emit(name, Events.checked(factory.create(step.context(), event), name)));
        }
    }

    enum EffectImpl implements ActionImpl {
        INSTANCE;

        @Override
        public void run(String name, Macrostep step, ObjectNode event) {
            step.record(new Action.Effect(name, step.context(), event));
        }
    }

    /** The entry action XState adds for each {@code after} delay: schedule the after event. */
    record ScheduleAfter(String eventType, long delayMillis) implements ActionImpl {
        @Override
        public void run(String name, Macrostep step, ObjectNode event) {
            step.record(new Action.Schedule(name, eventType, Events.of(eventType), delayMillis));
        }
    }

    /** The exit action XState adds for each {@code after} delay: cancel the after event. */
    record CancelAfter(String eventType) implements ActionImpl {
        @Override
        public void run(String name, Macrostep step, ObjectNode event) {
            step.record(new Action.Cancel(name, eventType));
        }
    }
}
