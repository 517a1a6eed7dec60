package pastel.account;

import java.util.function.BiPredicate;
import java.util.function.ToLongFunction;

/// What the account rules ask of relations other features own: blocks (either account blocks the
/// other: `BlockService.eitherBlocks`), friendships (`FriendService.areFriends`) and subscriber
/// counts (`SubscriptionService.subscriberCount`). Every feature uses account, so account uses
/// none of them: the composition root hands their rules in.
public record Relations(BiPredicate<String, String> eitherBlocks, BiPredicate<String, String> areFriends,
                        ToLongFunction<String> subscriberCount) {}
