package pastel.realtime;

import java.util.function.Consumer;

/// The event bus of a single node: delivery is a method call.
public final class LocalEventBus implements EventBus {
    private volatile Consumer<Event> consumer = event -> { };

    @Override
    public void publish(Event event) {
        consumer.accept(event);
    }

    @Override
    public void subscribe(Consumer<Event> consumer) {
        this.consumer = consumer;
    }

    @Override
    public void close() {
        consumer = event -> { };
    }
}
