using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Liaison.Exchange;
using Liaison.Protocol.Stix;

namespace Liaison.Tests.Exchange;

public sealed class ReleasePolicyTests
{
    private const int Self = 1;
    private const int Iran = 2;
    private const int Afghanistan = 3;
    private const string IranId = "identity--00000000-0000-4000-8000-000000000002";
    private const string AfghanistanId = "identity--00000000-0000-4000-8000-000000000003";

    public static TheoryData<string, int, TlpLevel?, string[], string[], int, string, ReleaseVerdict> Table => new()
    {
        { "own CLEAR to everyone", Self, TlpLevel.Clear, [], [], Iran, IranId, ReleaseVerdict.Release },
        { "own GREEN to everyone", Self, TlpLevel.Green, [], [], Iran, IranId, ReleaseVerdict.Release },
        { "own AMBER to everyone", Self, TlpLevel.Amber, [], [], Iran, IranId, ReleaseVerdict.Release },
        { "unmarked treated as AMBER", Self, null, [], [], Iran, IranId, ReleaseVerdict.Release },
        { "own RED never", Self, TlpLevel.Red, [IranId], [], Iran, IranId, ReleaseVerdict.RedNeverLeaves },
        { "own RED never, even unaddressed", Self, TlpLevel.Red, [], [], Iran, IranId, ReleaseVerdict.RedNeverLeaves },
        { "AMBER+STRICT to the named party", Self, TlpLevel.AmberStrict, [IranId], [], Iran, IranId, ReleaseVerdict.Release },
        { "AMBER+STRICT not to another party", Self, TlpLevel.AmberStrict, [IranId], [], Afghanistan, AfghanistanId, ReleaseVerdict.StrictNeedsRecipient },
        { "AMBER+STRICT with no recipient goes nowhere", Self, TlpLevel.AmberStrict, [], [], Iran, IranId, ReleaseVerdict.StrictNeedsRecipient },
        { "recipients honoured: addressed", Self, TlpLevel.Green, [AfghanistanId], [], Afghanistan, AfghanistanId, ReleaseVerdict.Release },
        { "recipients honoured: not addressed", Self, TlpLevel.Green, [AfghanistanId], [], Iran, IranId, ReleaseVerdict.NotAddressed },
        { "partner's record never back to it", Iran, TlpLevel.Green, [], [], Iran, IranId, ReleaseVerdict.NotBackToOrigin },
        { "partner's record not onward without consent", Iran, TlpLevel.Green, [], [], Afghanistan, AfghanistanId, ReleaseVerdict.NoOnwardConsent },
        { "partner's record onward with consent", Iran, TlpLevel.Green, [], [AfghanistanId], Afghanistan, AfghanistanId, ReleaseVerdict.Release },
        { "partner's AMBER+STRICT never onward", Iran, TlpLevel.AmberStrict, [], [AfghanistanId], Afghanistan, AfghanistanId, ReleaseVerdict.NoOnwardConsent },
        { "partner's RED never onward", Iran, TlpLevel.Red, [], [AfghanistanId], Afghanistan, AfghanistanId, ReleaseVerdict.RedNeverLeaves },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Decide_FollowsTheTable(string rule, int origin, TlpLevel? tlp, string[] recipients, string[] consent, int partner, string partnerIdentity, ReleaseVerdict expected)
    {
        var verdict = ReleasePolicy.Decide(new ReleaseFacts(origin, tlp, recipients, consent), Self, partner, partnerIdentity);
        Assert.True(verdict == expected, $"{rule}: expected {expected}, got {verdict}");
    }

    [Property(MaxTest = 5000)]
    public Property Red_IsNeverReleased_ToAnyone() =>
        Prop.ForAll(Facts().ToArbitrary(), Gen.Choose(1, 6).ToArbitrary(), (facts, partner) =>
            ReleasePolicy.Decide(facts with { Tlp = TlpLevel.Red }, Self, partner, $"identity--00000000-0000-4000-8000-00000000000{partner}") != ReleaseVerdict.Release);

    [Property(MaxTest = 5000)]
    public Property Release_NeverSendsARecordBackToItsOrigin() =>
        Prop.ForAll(Facts().ToArbitrary(), facts =>
            ReleasePolicy.Decide(facts, Self, facts.OriginPartyId, Identity(facts.OriginPartyId)) != ReleaseVerdict.Release);

    internal static Gen<ReleaseFacts> Facts() =>
        from origin in Gen.Choose(1, 6)
        from tlp in Gen.Elements<TlpLevel?>(null, TlpLevel.Clear, TlpLevel.Green, TlpLevel.Amber, TlpLevel.AmberStrict, TlpLevel.Red)
        from recipients in Gen.SubListOf(Enumerable.Range(1, 6).Select(Identity).ToArray())
        from consent in Gen.SubListOf(Enumerable.Range(1, 6).Select(Identity).ToArray())
        select new ReleaseFacts(origin, tlp, [.. recipients], [.. consent]);

    internal static string Identity(int party) => $"identity--00000000-0000-4000-8000-00000000000{party}";
}
