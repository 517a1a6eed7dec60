package pastel.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import org.junit.jupiter.api.Test;

class AccessDeclarationTest {

    @Test
    void aRouteWithoutAnAccessRuleStopsTheServerFromStarting() {
        Javalin.create(cfg -> {
            var api = new Api(cfg.routes);
            api.group("t").get("/declared", ctx -> { }).access(Access.SELF);
            api.group("t").get("/forgotten", ctx -> { });
            assertThatThrownBy(api::checkAccessDeclared).hasMessageContaining("GET /api/v1/forgotten: no access rule")
                    .message().doesNotContain("declared:");
        });
    }

    @Test
    void anAccessRuleMustAgreeWithTheRoutesSecurity() {
        Javalin.create(cfg -> {
            var api = new Api(cfg.routes);
            api.group("t").get("/open-but-private", ctx -> { }).open().access(Access.FRIENDS);
            assertThatThrownBy(api::checkAccessDeclared).hasMessageContaining("needs a session but the route is open()");
        });
        Javalin.create(cfg -> {
            var api = new Api(cfg.routes);
            api.group("t").get("/page", ctx -> { }).open().access(Access.AUDIENCE);
            api.group("t").get("/mine", ctx -> { }).access(Access.SELF);
            assertThatCode(api::checkAccessDeclared).doesNotThrowAnyException();
        });
    }
}
