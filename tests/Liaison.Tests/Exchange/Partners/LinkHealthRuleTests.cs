using Liaison.Exchange;
using Liaison.Exchange.Partners;

namespace Liaison.Tests.Exchange.Partners;

public sealed class LinkHealthRuleTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(60);

    public static TheoryData<PartnerState, int?, int?, int, LinkHealth> Cases => new()
    {
        // state, last contact (s ago), trusted (s ago), consecutive failures → health
        { PartnerState.Trusted, 30, 3600, 0, LinkHealth.Ok },
        { PartnerState.Trusted, 180, 3600, 0, LinkHealth.Ok },
        { PartnerState.Trusted, 181, 3600, 0, LinkHealth.Degraded },
        { PartnerState.Trusted, 30, 3600, 1, LinkHealth.Degraded },
        { PartnerState.Trusted, 30, 3600, 4, LinkHealth.Degraded },
        { PartnerState.Trusted, 30, 3600, 5, LinkHealth.Down },
        { PartnerState.Trusted, 600, 3600, 0, LinkHealth.Degraded },
        { PartnerState.Trusted, 601, 3600, 0, LinkHealth.Down },
        { PartnerState.Trusted, null, 10, 0, LinkHealth.Ok },
        { PartnerState.Trusted, null, 10, 1, LinkHealth.Degraded },
        { PartnerState.Trusted, null, 3600, 0, LinkHealth.Down },
        { PartnerState.Pending, null, null, 0, LinkHealth.Inactive },
        { PartnerState.Suspended, 30, 3600, 9, LinkHealth.Inactive },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Health_FollowsFailuresAndSilenceInPollIntervals(PartnerState state, int? contactAgo, int? trustedAgo, int failures, LinkHealth expected)
    {
        DateTime? Ago(int? seconds) => seconds is { } s ? Now.AddSeconds(-s) : null;
        Assert.Equal(expected, LinkHealthRule.Of(state, Ago(contactAgo), Ago(trustedAgo), failures, Now, Poll));
    }
}
