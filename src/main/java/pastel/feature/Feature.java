package pastel.feature;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import pastel.http.Api;
import pastel.realtime.Event;
import pastel.sweep.Sweeper;

/// What one feature hands the composition root ([pastel.App]): its route tables, its sweep tasks,
/// its listeners to the node's events and what to close on shutdown. Each feature package builds
/// its own in one small factory (`SnapFeature.create`); App lists them in a table and registers
/// every feature the same way: routes in table order, sweeps in table order (then list order),
/// listeners before the Hub delivers an event, resources closed in table order.
public record Feature(String name, List<Routes> routes, List<Sweep> sweeps, List<Consumer<Event>> listeners,
                      List<AutoCloseable> resources) {

    /// A route table: registers its routes, with their OpenAPI description, on the [Api].
    @FunctionalInterface
    public interface Routes {
        void register(Api api);
    }

    /// A named task of the [Sweeper].
    public record Sweep(String name, Sweeper.Task task) {}

    public Feature {
        routes = List.copyOf(routes);
        sweeps = List.copyOf(sweeps);
        listeners = List.copyOf(listeners);
        resources = List.copyOf(resources);
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /// Collects a feature's parts; `build()` freezes them.
    public static final class Builder {
        private final String name;
        private final List<Routes> routes = new ArrayList<>();
        private final List<Sweep> sweeps = new ArrayList<>();
        private final List<Consumer<Event>> listeners = new ArrayList<>();
        private final List<AutoCloseable> resources = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder routes(Routes... tables) {
            routes.addAll(List.of(tables));
            return this;
        }

        public Builder sweep(String name, Sweeper.Task task) {
            sweeps.add(new Sweep(name, task));
            return this;
        }

        /// Hears every event this node receives (its own and other nodes'), before the Hub delivers it.
        public Builder listener(Consumer<Event> listener) {
            listeners.add(listener);
            return this;
        }

        public Builder closing(AutoCloseable resource) {
            resources.add(resource);
            return this;
        }

        public Feature build() {
            return new Feature(name, routes, sweeps, listeners, resources);
        }
    }
}
