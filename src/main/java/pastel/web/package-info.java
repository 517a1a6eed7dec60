/// The web client: its files (`src/main/resources/web`), served with the right caching by
/// [WebClient], and the app icons ([AppIcons]).
///
/// No routes class: [WebClient#register] is the route table (files, not an API). No service and
/// no store: the client speaks only the public HTTP API and the event WebSocket, like any other.
package pastel.web;
