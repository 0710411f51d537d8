using System.Text.Json.Nodes;
using Liaison.Features.Channel;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;

namespace Liaison.Conformance.Tests.Node;

/// <summary>
/// The channel's objects, as the node produces them — messages of each priority, with and without an author's role,
/// and the reader's receipt for several messages — validate against the OASIS common schema (new SDOs have no
/// schema of their own, STIX 2.1 §7.3) and read back into their typed records unchanged.
/// </summary>
[Trait("Category", "Conformance")]
public class ChannelStixSchemaTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 8, 0, 0, 123, DateTimeKind.Utc);

    public static TheoryData<string, string> Produced()
    {
        var self = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Test Party", "PK", isSelf: true, Now.AddDays(-30));
        var partner = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Partner Party", "IR", isSelf: false, Now.AddDays(-29));
        var thread = ChannelThread.Open(partner, "Night patrols near Taftan", Now);
        var normal = ChannelMessage.Write(self, 1, MessagePriority.Normal, "Our patrol leaves post 7 at 22:00.", "Capt. Naveed Iqbal", "Duty officer", Now);
        var urgent = ChannelMessage.Write(self, 2, MessagePriority.Urgent, "Patrol delayed by one hour.", "Capt. Naveed Iqbal", null, Now.AddMinutes(3));
        var flash = ChannelMessage.Write(self, 3, MessagePriority.Flash, "Shots heard east of the crossing; hold your side.", "Maj. Asad Khan", "Head of desk", Now.AddMinutes(9));
        var receiptId = StixId.NewRandom(LiaisonReceipt.TypeName).ToString();

        return new TheoryData<string, string>
        {
            { "liaison-message (normal, role)", ChannelStix.ToStix(thread, normal).ToJson().ToJsonString() },
            { "liaison-message (urgent, no role)", ChannelStix.ToStix(thread, urgent).ToJson().ToJsonString() },
            { "liaison-message (flash)", ChannelStix.ToStix(thread, flash).ToJson().ToJsonString() },
            { "liaison-receipt (three messages)", ChannelStix.Receipt(receiptId, partner.StixId, [normal, urgent, flash], Now.AddMinutes(12), "Maj. Reza Karimi").ToJson().ToJsonString() },
        };
    }

    [Theory]
    [MemberData(nameof(Produced))]
    public void NodeChannelObject_ValidatesAgainstTheOasisCoreSchema_AndReadsBack(string what, string json) =>
        NewObjectConformance.AssertValidAndReadsBack(what, json);

    [Fact]
    public void CoreSchemaCheck_IsNotVacuous_RejectsAMessageWithABadModified()
    {
        var json = JsonNode.Parse(Produced().ElementAt(0)[1].ToString()!)!.AsObject();
        json["modified"] = "yesterday";

        Assert.NotEmpty(StixSchemas.Instance.Validate("common/core.json", json));
    }
}
