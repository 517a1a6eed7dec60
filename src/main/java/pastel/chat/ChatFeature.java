package pastel.chat;

import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.team.TeamService;

/// Chat as the composition root wires it.
public record ChatFeature(ChatService chats, Feature feature) {
    public static ChatFeature create(Platform p, AccountService accounts, TeamService team, CurrentAccount current) {
        var chats = new ChatService(p.jdbi(), accounts, team, p.events(), p.clock());
        return new ChatFeature(chats, Feature.named("chat").routes(new ChatRoutes(chats, current)::register).sweep("chat", chats::sweep).build());
    }
}
