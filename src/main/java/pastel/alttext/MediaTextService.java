package pastel.alttext;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.media.Media;
import pastel.media.MediaStore;
import pastel.problem.PastelException;
import pastel.team.TeamService;

/// Accessible content: the text alternative (`alt`, up to 1,500 characters) of a photo or video
/// and a video's WebVTT captions. Both belong to the media, so they go with it (its row's
/// deletion cascades). The alt is required on official accounts' posts unless the operator turns
/// it off (`PASTEL_REQUIRE_ALT`); the poster and the account's team may edit it.
public final class MediaTextService {
    public static final int MAX_ALT = 1500;

    private final MediaTextStore store;
    private final MediaStore media;
    private final AccountService accounts;
    private final TeamService team;
    private final boolean requireAlt;
    private final Clock clock;

    public MediaTextService(Jdbi jdbi, MediaStore media, AccountService accounts, TeamService team, boolean requireAlt, Clock clock) {
        this.store = new MediaTextStore(jdbi);
        this.media = media;
        this.accounts = accounts;
        this.team = team;
        this.requireAlt = requireAlt;
        this.clock = clock;
    }

    /// What a media carries for people who cannot see or hear it.
    public record Text(String mediaId, String alt, boolean hasCaptions) {}

    /// Checks the alt of a story post before it is made and keeps it on the upload (an upload never
    /// posted is swept after an hour, its alt with it). `account`: the official account posted for, if any.
    public void beforeStoryPost(Account me, String account, String mediaId, String alt) {
        var owner = account == null || account.isBlank() ? me : team.managed(me, account.strip());
        var checked = check(alt, owner.isPublic());
        if (checked == null || mediaId == null) return;
        media.live(mediaId, clock.millis()).filter(m -> m.ownerId().equals(me.id()) && m.attachedTo() == null)
                .ifPresent(m -> store.saveAlt(m.id(), checked));
    }

    /// An optional alt (a snap, a resident's submission): stripped, null when blank, or a 400 on
    /// the field `alt` when over [#MAX_ALT].
    public String optional(String alt) {
        return check(alt, false);
    }

    /// Whether official accounts' posts need an alt (`PASTEL_REQUIRE_ALT`, on by default).
    public boolean required() {
        return requireAlt;
    }

    /// Keeps `alt` (already checked) on `mediaId` inside the caller's transaction, so the text is
    /// written with what it describes or not at all.
    public static void saveAlt(Handle h, String mediaId, String alt) {
        MediaTextStore.saveAlt(h, mediaId, alt);
    }

    /// The alt of one media, if it has one.
    public Optional<String> altOf(String mediaId) {
        return store.jdbi().withHandle(h -> MediaTextStore.altOf(h, mediaId));
    }

    /// The alt of one media inside the caller's transaction.
    public static Optional<String> altOf(Handle h, String mediaId) {
        return MediaTextStore.altOf(h, mediaId);
    }

    /// The alt as kept (stripped; null when blank), or a 400 on the field `alt`.
    String check(String alt, boolean official) {
        var text = alt == null || alt.isBlank() ? null : alt.strip();
        if (text == null && official && requireAlt) {
            throw new PastelException.Invalid("alt", "required",
                    "an official account's post needs a text alternative describing it (up to " + MAX_ALT + " characters)");
        }
        if (text != null && text.codePointCount(0, text.length()) > MAX_ALT) {
            throw new PastelException.Invalid(PastelException.FieldError.tooLong("alt", MAX_ALT));
        }
        return text;
    }

    /// `PATCH /stories/{id}`: the poster or the account's team changes the item's alt.
    public Text editStoryAlt(Account me, String itemId, String alt) {
        var item = store.storyItem(itemId, clock.instant()).orElseThrow(() -> new PastelException.NotFound("no such story item"));
        var owner = accounts.byId(item.accountId());
        if (!speaksFor(me, owner)) throw new PastelException.NotFound("no such story item");
        var checked = check(alt, owner.isPublic());
        store.saveAlt(item.mediaId(), checked);
        return new Text(item.mediaId(), checked, store.captions(item.mediaId()).isPresent());
    }

    /// `PUT /media/{id}/captions`: WebVTT for a video. Who may change what a video says is the one
    /// rule of [#mayCaption].
    public void putCaptions(Account me, String mediaId, byte[] vtt) {
        var found = media.live(mediaId, clock.millis()).orElseThrow(() -> new PastelException.NotFound("no such media"));
        var may = mayCaption(me, found);
        if (!may && !found.ownerId().equals(me.id())) throw new PastelException.NotFound("no such media");
        if (found.kind() != Media.Kind.VIDEO) throw new PastelException.Invalid("captions", "not-a-video", "captions are for videos");
        if (!may) {
            throw new PastelException.Conflict("captions are added before a video is sent or submitted; "
                    + "once it shows in a story, the story's account changes them");
        }
        store.saveCaptions(mediaId, WebVtt.check(vtt));
    }

    /// Whoever speaks for a story's account: the account itself or its team.
    private boolean speaksFor(Account me, Account owner) {
        return owner.id().equals(me.id()) || team.canManage(me, owner);
    }

    /// Who may change a video's captions: while it is an upload not yet used, its uploader (or the
    /// team of the account that uploaded it); once a story shows it, that story's account and team,
    /// as for its alt (an approved community video is the account's to word, not its submitter's:
    /// what the team approved cannot change behind it); once sent as a snap or submitted, nobody.
    private boolean mayCaption(Account me, Media found) {
        var shownIn = store.storyItemOfMedia(found.id(), clock.instant());
        if (shownIn.isPresent()) return speaksFor(me, accounts.byId(shownIn.get().accountId()));
        return found.attachedTo() == null && speaksFor(me, accounts.byId(found.ownerId()));
    }

    /// Carries the alt and captions of a media to a form derived from it (`MediaService.derive`:
    /// a geofilter drawn in), which is what gets posted.
    public void carry(String fromMediaId, String toMediaId) {
        store.copy(fromMediaId, toMediaId);
    }

    public Map<String, Text> of(Collection<String> mediaIds) {
        return store.of(mediaIds);
    }

    public Optional<String> captions(String mediaId) {
        return store.captions(mediaId);
    }
}
