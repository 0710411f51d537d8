using System.Text.Json.Nodes;
using Liaison.Features.Alerts;
using Liaison.Features.Parties;
using Liaison.Features.Requests;
using Liaison.Protocol.Stix;

namespace Liaison.Conformance.Tests.Node;

/// <summary>
/// The request feature's objects, as the node produces them — a request open and withdrawn, and the addressee's
/// acknowledgement, answer (with record references) and refusal — validate against the OASIS common schema (new
/// SDOs have no schema of their own, STIX 2.1 §7.3) and read back into their typed records unchanged.
/// </summary>
[Trait("Category", "Conformance")]
public class RequestStixSchemaTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 8, 0, 0, 123, DateTimeKind.Utc);

    public static TheoryData<string, string> Produced()
    {
        var self = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Test Party", "PK", isSelf: true, Now.AddDays(-30));
        var partner = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Partner Party", "IR", isSelf: false, Now.AddDays(-29));
        var open = PartyRequest.Send(self, partner, Content(["TFT-MJV"], ["incident--6b2a7e0c-6a43-4c48-9d7c-0d3f0c3a9e11"]), "officer", Now);
        var withdrawn = PartyRequest.Send(self, partner, Content([], []) with { Tlp = TlpLevel.AmberStrict, Kind = RequestKind.Assistance }, "officer", Now);
        withdrawn.Withdraw("officer", Now.AddMinutes(5));

        var answered = PartyRequest.Send(partner, self, Content([], []), "partner", Now);
        answered.Acknowledge(RequestStix.AcknowledgementIdOf(answered.StixId, self.StixId).ToString(), Now.AddMinutes(2), "Major Asad Khan", Now.AddMinutes(2));
        answered.Respond(RequestStix.ResponseIdOf(answered.StixId, self.StixId).ToString(), RequestOutcome.Answered, "Two pickups stopped and searched.", null,
            ["incident--6b2a7e0c-6a43-4c48-9d7c-0d3f0c3a9e11", "liaison-alert--0f8fad5b-d9cb-469f-a165-70867728950e"], Now.AddMinutes(40), "Major Asad Khan", Now.AddMinutes(40));
        var declined = PartyRequest.Send(partner, self, Content([], []) with { Tlp = TlpLevel.Green }, "partner", Now);
        declined.Respond(RequestStix.ResponseIdOf(declined.StixId, self.StixId).ToString(), RequestOutcome.Declined, null, "Outside the agreed sectors.", [],
            Now.AddHours(1), "Major Asad Khan", Now.AddHours(1));

        return new TheoryData<string, string>
        {
            { "liaison-request (open, sectors, records)", RequestStix.ToStix(open).ToJson().ToJsonString() },
            { "liaison-request (withdrawn, amber-strict)", RequestStix.ToStix(withdrawn).ToJson().ToJsonString() },
            { "liaison-response (acknowledged)", RequestStix.Acknowledgement(answered).ToJson().ToJsonString() },
            { "liaison-response (answered, records)", RequestStix.Response(answered).ToJson().ToJsonString() },
            { "liaison-response (declined)", RequestStix.Response(declined).ToJson().ToJsonString() },
        };
    }

    [Theory]
    [MemberData(nameof(Produced))]
    public void NodeRequestObject_ValidatesAgainstTheOasisCoreSchema_AndReadsBack(string what, string json) =>
        NewObjectConformance.AssertValidAndReadsBack(what, json);

    [Fact]
    public void CoreSchemaCheck_IsNotVacuous_RejectsAResponseWithABadCreatedByRef()
    {
        var json = JsonNode.Parse(Produced().ElementAt(3)[1].ToString()!)!.AsObject();
        json["created_by_ref"] = "not-an-identifier";

        Assert.NotEmpty(StixSchemas.Instance.Validate("common/core.json", json));
    }

    private static RequestContent Content(IReadOnlyList<string> sectors, IReadOnlyList<string> refs) => new(
        RequestKind.Information, "Vehicles seen at the Mirjaveh crossing", ["Were two pickups stopped on your side?", "Who commands post 14?"],
        Precedence.Priority, Now.AddHours(4), TlpLevel.Amber, sectors, refs);
}
