using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class RelationshipTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    internal static Relationship LocatedAt() => Relationship.Create(IncidentTests.Full().Id, "located-at", LocationTests.Point().Id, Created) with
    {
        Id = StixId.Parse("relationship--6598bf44-1c10-4218-af9f-75b5b71c23a7"),
        Description = "Where the clash took place.",
        StartTime = Created.AddHours(-3),
        StopTime = Created.AddHours(-2),
    };

    [Fact]
    public void Relationship_RoundTrips()
    {
        var copy = StixTestJson.RoundTrip(LocatedAt(), Relationship.FromJson);

        Assert.Equal("located-at", copy.RelationshipType);
        Assert.Equal(LocationTests.Point().Id, copy.TargetRef);
    }

    [Fact]
    public void Create_GivesARandomRelationshipId()
    {
        var relationship = Relationship.Create(IncidentTests.Full().Id, "attributed-to", ThreatActorAndIntrusionSetTests.Actor().Id, Created);

        Assert.Equal("relationship", relationship.Id.Type);
        Assert.Equal(Created, relationship.Modified);
    }

    [Theory]
    [InlineData("Located At")]
    [InlineData("")]
    public void ToJson_BadRelationshipType_Throws(string type) =>
        Assert.Throws<InvalidOperationException>(() => (LocatedAt() with { RelationshipType = type }).ToJson());

    [Fact]
    public void ToJson_StopNotAfterStart_Throws() =>
        Assert.Throws<InvalidOperationException>(() => (LocatedAt() with { StopTime = LocatedAt().StartTime }).ToJson());

    [Theory]
    [InlineData("relationship_type", "relationship_type", null)]
    [InlineData("relationship_type", "relationship_type", "\"Located_At\"")]
    [InlineData("source_ref", "source_ref", null)]
    [InlineData("source_ref", "source_ref", "\"not-an-id\"")]
    [InlineData("source_ref", "source_ref", "\"relationship--6598bf44-1c10-4218-af9f-75b5b71c23a7\"")]
    [InlineData("target_ref", "target_ref", "\"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1\"")]
    [InlineData("target_ref", "target_ref", null)]
    [InlineData("start_time", "start_time", "\"soon\"")]
    [InlineData("stop_time", "stop_time", "\"2020-01-01T00:00:00Z\"")]
    [InlineData("description", "description", "{}")]
    public void FromJson_InvalidProperty_ThrowsNamingTheProperty(string expected, string path, string? valueJson) =>
        StixTestJson.AssertRejected(LocatedAt().ToJson(), expected, path, valueJson, Relationship.FromJson);
}
