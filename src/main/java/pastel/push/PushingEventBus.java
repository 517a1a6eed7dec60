package pastel.push;

import java.util.function.Consumer;
import pastel.realtime.Event;
import pastel.realtime.EventBus;

/// The event bus every service publishes on, with Web Push hooked in: each event goes to the
/// WebSockets first (so a large push fan-out never delays them), then the pushes it causes are
/// queued, on the node that published it only (other nodes hear the event but queue nothing, so
/// nothing is pushed twice).
public final class PushingEventBus implements EventBus {
    private final EventBus bus;
    private final PushService push;

    public PushingEventBus(EventBus bus, PushService push) {
        this.bus = bus;
        this.push = push;
    }

    @Override
    public void publish(Event event) {
        bus.publish(event);
        if (!Event.internal(event)) push.enqueue(event);
    }

    @Override
    public void subscribe(Consumer<Event> consumer) {
        bus.subscribe(consumer);
    }

    @Override
    public void close() {
        bus.close();
    }
}
