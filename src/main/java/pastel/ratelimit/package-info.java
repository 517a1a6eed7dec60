/// Abuse limits (sign-ups, sign-ins, friend requests per account and per address), shared by
/// several features' routes, which call [RateLimiter] directly; its counts are in [RateLimitStore].
///
/// No routes: nothing here is an endpoint of its own. No service named so: [RateLimiter] is the
/// service (the name says what it does).
package pastel.ratelimit;
