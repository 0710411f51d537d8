using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class ThreatActorAndIntrusionSetTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    internal static ThreatActor Actor() => new()
    {
        Id = StixId.Parse("threat-actor--6d179234-61fc-40c4-ae86-3d53308d8e65"),
        Created = Created,
        Modified = Created,
        Name = "Northern armed group",
        Description = "Group active in sector N.",
        ThreatActorTypes = ["terrorist"],
        Aliases = ["NAG"],
        FirstSeen = Created.AddYears(-2),
        LastSeen = Created.AddDays(-1),
        Roles = ["agent"],
        Goals = ["control of the crossing"],
        Sophistication = "intermediate",
        ResourceLevel = "organization",
        PrimaryMotivation = "ideology",
        SecondaryMotivations = ["organizational-gain"],
        PersonalMotivations = ["revenge"],
    };

    internal static IntrusionSet Set() => new()
    {
        Id = StixId.Parse("intrusion-set--da1065ce-972c-4605-8755-9cd1074e3b5a"),
        Created = Created,
        Modified = Created,
        Name = "Crossing raids 2025",
        Description = "Raids on the northern crossings.",
        Aliases = ["CR25"],
        FirstSeen = Created.AddYears(-1),
        LastSeen = Created,
        Goals = ["smuggling"],
        ResourceLevel = "team",
        PrimaryMotivation = "organizational-gain",
        SecondaryMotivations = ["dominance"],
    };

    [Fact]
    public void ThreatActor_RoundTrips() =>
        Assert.Equal(["terrorist"], StixTestJson.RoundTrip(Actor(), ThreatActor.FromJson).ThreatActorTypes!);

    [Fact]
    public void ThreatActor_WithoutTypes_IsValidIn21() =>
        Assert.Null(StixTestJson.RoundTrip(Actor() with { ThreatActorTypes = null }, ThreatActor.FromJson).ThreatActorTypes);

    [Fact]
    public void IntrusionSet_RoundTrips() =>
        Assert.Equal(Created, StixTestJson.RoundTrip(Set(), IntrusionSet.FromJson).LastSeen);

    [Fact]
    public void LastSeenBeforeFirstSeen_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => (Actor() with { LastSeen = Created.AddYears(-3) }).ToJson());
        Assert.Throws<InvalidOperationException>(() => (Set() with { LastSeen = Created.AddYears(-3) }).ToJson());
    }

    [Theory]
    [InlineData("name", "name", null)]
    [InlineData("threat_actor_types", "threat_actor_types", "[]")]
    [InlineData("threat_actor_types[0]", "threat_actor_types", "[1]")]
    [InlineData("aliases", "aliases", "\"NAG\"")]
    [InlineData("first_seen", "first_seen", "\"2024\"")]
    [InlineData("last_seen", "last_seen", "\"2020-01-01T00:00:00Z\"")]
    [InlineData("sophistication", "sophistication", "3")]
    [InlineData("personal_motivations", "personal_motivations", "[]")]
    [InlineData("id", "id", "\"intrusion-set--6d179234-61fc-40c4-ae86-3d53308d8e65\"")]
    public void ThreatActor_InvalidProperty_ThrowsNamingTheProperty(string expected, string path, string? valueJson) =>
        StixTestJson.AssertRejected(Actor().ToJson(), expected, path, valueJson, ThreatActor.FromJson);

    [Theory]
    [InlineData("name", "name", null)]
    [InlineData("aliases[0]", "aliases", "[null]")]
    [InlineData("goals", "goals", "[]")]
    [InlineData("last_seen", "last_seen", "\"2020-01-01T00:00:00Z\"")]
    [InlineData("resource_level", "resource_level", "true")]
    [InlineData("type", "type", "\"threat-actor\"")]
    public void IntrusionSet_InvalidProperty_ThrowsNamingTheProperty(string expected, string path, string? valueJson) =>
        StixTestJson.AssertRejected(Set().ToJson(), expected, path, valueJson, IntrusionSet.FromJson);
}
