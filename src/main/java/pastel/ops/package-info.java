/// Operations: liveness and readiness, Prometheus metrics (on the API port behind a token, or a
/// port of their own), the request log and the OpenAPI document's route ([OpsRoutes]).
///
/// No service and no store: there is no rule here and no table; readiness asks
/// `pastel.db.Database#isReachable`.
package pastel.ops;
