using System.Text.Json.Nodes;
using Liaison.Features.Officers;
using Liaison.Protocol.Stix;

namespace Liaison.Conformance.Tests.Node;

/// <summary>
/// The roster the node releases — <c>liaison-officer</c> and <c>liaison-duty-shift</c>, live and revoked — validates
/// against the OASIS common schema every STIX 2.1 object must meet (core.json; new SDOs have no schema of their own,
/// STIX 2.1 §7.3) and reads back into its typed records unchanged.
/// </summary>
[Trait("Category", "Conformance")]
public class RosterStixSchemaTests
{
    public static TheoryData<string, string> Produced()
    {
        var r = new NodeRecords();
        var shift = new DutyShift(r.Officer, r.Sector, DutyRole.Supervisor, NodeRecords.Now.AddHours(-2), NodeRecords.Now.AddHours(10), NodeRecords.Now.AddHours(-3));
        shift.Officer.Revise(new OfficerDetails("Asad Khan", null, null, null, [], []), NodeRecords.Now);
        var bare = RosterStix.Officer(shift.Officer, r.Self);
        var full = new NodeRecords();
        return new TheoryData<string, string>
        {
            { "liaison-officer (sector, phone and radio)", RosterStix.Officer(full.Officer, full.Self).ToJson().ToJsonString() },
            { "liaison-officer (name only)", bare.ToJson().ToJsonString() },
            { "liaison-officer (revoked)", RosterStix.Officer(full.Officer, full.Self, NodeRecords.Now.AddHours(1)).ToJson().ToJsonString() },
            { "liaison-duty-shift", RosterStix.Shift(shift, r.Self).ToJson().ToJsonString() },
            { "liaison-duty-shift (revoked)", RosterStix.Shift(shift, r.Self, NodeRecords.Now.AddHours(-3)).ToJson().ToJsonString() },
        };
    }

    [Theory]
    [MemberData(nameof(Produced))]
    public void NodeRosterObject_ValidatesAgainstTheOasisCoreSchema_AndReadsBack(string what, string json) =>
        NewObjectConformance.AssertValidAndReadsBack(what, json);

    [Fact]
    public void ReleasedOfficer_CarriesOnlyWhatACounterpartNeeds()
    {
        var r = new NodeRecords();

        var json = RosterStix.Officer(r.Officer, r.Self).ToJson();

        Assert.Equal(["phone", "radio"], json["contacts"]!.AsArray().Select(c => (string)c!["kind"]!));
        Assert.DoesNotContain("liaison.taftan@example.org", json.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Taftan Wing", json.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(Tlp.IdOf(TlpLevel.Amber).ToString(), (string)json["object_marking_refs"]![0]!);
    }

    [Fact]
    public void Revocation_IsALaterVersion_EvenInTheSameInstant()
    {
        var r = new NodeRecords();
        var live = RosterStix.Officer(r.Officer, r.Self);

        var revoked = RosterStix.Officer(r.Officer, r.Self, r.Officer.UpdatedAt);

        Assert.True(revoked.Revoked);
        Assert.Equal(live.Id, revoked.Id);
        Assert.True(revoked.Modified > live.Modified);
    }

    [Fact]
    public void CoreSchemaCheck_IsNotVacuous_RejectsAShiftWithAnUpperCaseProperty()
    {
        var json = JsonNode.Parse(Produced().ElementAt(3)[1].ToString()!)!.AsObject();
        json["OfficerRef"] = "x";

        Assert.NotEmpty(StixSchemas.Instance.Validate("common/core.json", json));
    }
}
