package pastel.account;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;

/// Age rules, from a birth date and the injected clock (dates are taken in UTC).
public final class Ages {
    public static final int MINIMUM = 13;
    public static final int ADULT = 18;
    /// PRODUCT.md: a public account exists to be public, which the rules for 13-17 year olds forbid.
    public static final int PUBLIC_ACCOUNT_MINIMUM = ADULT;

    private final Clock clock;

    public Ages(Clock clock) {
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /// Age in whole years; operator accounts without a birth date count as adults.
    public int ageOf(LocalDate birthDate) {
        if (birthDate == null) return ADULT;
        return Period.between(birthDate, today()).getYears();
    }

    public boolean isMinor(Account account) {
        return ageOf(account.birthDate()) < ADULT;
    }

    /// Born on or before this day means adult today: what queries filter minors out with.
    public LocalDate adultBornOnOrBefore() {
        return today().minusYears(ADULT);
    }
}
