package pastel.community;

import io.javalin.http.Context;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.http.Json;
import pastel.problem.PastelException;
import pastel.story.StoryService;

/// The community story routes: submit, the moderation queue, approve, reject, and the story itself.
public final class CommunityRoutes {
    private final CommunityService community;
    private final CurrentAccount current;

    public CommunityRoutes(CommunityService community, CurrentAccount current) {
        this.community = community;
        this.current = current;
    }

    public void register(Api api) {
        var routes = api.group("community");
        routes.post("/accounts/{username}/community/submissions", this::submit).body(CommunityService.SubmitForm.class).status(201)
                .summary("Submit a photo or video to an official account's community story").returns(CommunityService.Submission.class).access(Access.CONTACT);
        routes.get("/accounts/{username}/community/submissions", this::queue)
                .summary("The moderation queue (team only); status = pending, approved or rejected").query("status", String.class, "pending (default), approved or rejected").returns(Api.listOf(CommunityService.Submission.class)).access(Access.TEAM);
        routes.post("/accounts/{username}/community/submissions/{id}/approve", ctx -> decide(ctx, true))
                .optionalBody(CommunityService.DecideForm.class).status(204)
                .summary("Approve: the item shows 24 hours in the community story, published by the account, so with a "
                        + "text alternative (the submission's, or alt in the optional body) unless the operator turned that rule off")
                .access(Access.TEAM);
        routes.patch("/accounts/{username}/community/submissions/{id}", this::editAlt).body(CommunityService.AltForm.class)
                .returns(CommunityService.AltOf.class)
                .summary("Change a submission's text alternative (alt, up to 1,500 characters): its submitter or the account's team")
                // Its two ends: the submitter, and the account it was sent to (acting through its team).
                .access(Access.PARTY);
        routes.post("/accounts/{username}/community/submissions/{id}/reject", ctx -> decide(ctx, false)).status(204)
                .summary("Reject: the media is deleted at once").access(Access.TEAM);
        routes.get("/accounts/{username}/community", ctx -> {
            var items = community.storyOf(current.viewer(ctx), ctx.pathParam("username"));
            noStore(ctx).json(items);
        })
                .open().summary("Approved community items active now, with their credit").returns(Api.listOf(StoryService.Visible.class)).access(Access.AUDIENCE);
    }

    private void submit(Context ctx) {
        var me = current.require(ctx);
        var account = community.official(me, ctx.pathParam("username"));
        var form = Json.read(ctx, CommunityService.SubmitForm.class);
        ctx.status(201).json(community.submit(me, account, form));
    }

    private void queue(Context ctx) {
        var viewer = current.viewer(ctx);
        var account = community.managed(current.require(ctx), ctx.pathParam("username"));
        var raw = ctx.queryParam("status") == null ? "pending" : ctx.queryParam("status").strip().toLowerCase();
        var status = switch (raw) {
            case "pending" -> SubmissionStatus.PENDING;
            case "approved" -> SubmissionStatus.APPROVED;
            case "rejected" -> SubmissionStatus.REJECTED;
            default -> throw new PastelException.Invalid("status", "not-allowed-value", "must be pending, approved or rejected");
        };
        noStore(ctx).json(community.queue(viewer, account, status));
    }

    private void decide(Context ctx, boolean approve) {
        var me = current.require(ctx);
        var account = community.managed(me, ctx.pathParam("username"));
        var form = approve ? Json.readOptional(ctx, CommunityService.DecideForm.class) : null;
        var alt = form == null ? null : form.alt();
        community.decide(me, account, ctx.pathParam("id"), approve, alt);
        ctx.status(204);
    }

    private void editAlt(Context ctx) {
        var form = Json.read(ctx, CommunityService.AltForm.class);
        ctx.json(community.editAlt(current.require(ctx), ctx.pathParam("username"), ctx.pathParam("id"), form.alt()));
    }

    private static Context noStore(Context ctx) {
        return ctx.header("Cache-Control", "private, no-store");
    }
}
