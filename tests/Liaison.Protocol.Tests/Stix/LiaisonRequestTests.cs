using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class LiaisonRequestTests
{
    private static readonly DateTimeOffset Asked = new(2026, 11, 28, 9, 30, 0, 250, TimeSpan.Zero);
    private static readonly StixId Requester = StixId.Parse("identity--7b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e");
    private static readonly StixId Addressee = StixId.Parse("identity--2f9b1d2e-9c1f-4c55-8a55-0f3b8c3f1a10");
    private static readonly StixId IncidentId = StixId.Parse("incident--4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");

    internal static LiaisonRequest Request() => new()
    {
        Id = StixId.Parse("liaison-request--6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"),
        Created = Asked,
        Modified = Asked,
        CreatedByRef = Requester,
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        Kind = "information",
        Subject = "Vehicle seen near Taftan crossing",
        Questions = ["Was the vehicle registered on your side?", "Who owns it?"],
        Priority = "priority",
        Due = Asked.AddHours(6),
        SectorCodes = ["TFT-02"],
        RecordRefs = [IncidentId],
    };

    internal static LiaisonResponse Response(string type = "answered") => new()
    {
        Id = StixId.Parse("liaison-response--1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a"),
        Created = Asked.AddHours(1),
        Modified = Asked.AddHours(1),
        CreatedByRef = Addressee,
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        RequestRef = Request().Id,
        ResponseType = type,
        Text = type == "answered" ? "Registered in Zahedan to a transport company." : null,
        Reason = type == "declined" ? "Outside our area of responsibility." : null,
        RecordRefs = type == "answered" ? [IncidentId] : null,
        RespondedBy = "Captain Reza Karimi",
    };

    [Fact]
    public void Request_RoundTrips_WithTheNewSdoMarker()
    {
        var copy = StixTestJson.RoundTrip(Request(), LiaisonRequest.FromJson);

        Assert.Equal(2, copy.Questions.Count);
        Assert.Equal([IncidentId], copy.RecordRefs!);
        Assert.Equal("new-sdo", (string)Request().ToJson()["extensions"]![LiaisonExtensions.NewObjectTypesExtensionId.ToString()]!["extension_type"]!);
    }

    [Fact]
    public void Request_Withdrawn_RoundTripsAsANewVersion() =>
        Assert.Equal("withdrawn", StixTestJson.RoundTrip(Request() with { Status = "withdrawn", Modified = Asked.AddMinutes(5) }, LiaisonRequest.FromJson).Status);

    [Fact]
    public void Request_WithoutOptionalProperties_RoundTrips() =>
        Assert.Null(StixTestJson.RoundTrip(Request() with { SectorCodes = null, RecordRefs = null }, LiaisonRequest.FromJson).RecordRefs);

    [Theory]
    [InlineData("kind", "\"gossip\"")]
    [InlineData("questions", "[]")]
    [InlineData("priority", "\"whenever\"")]
    [InlineData("status", "\"answered\"")]
    [InlineData("due", null)]
    public void Request_Malformed_IsRejectedNamingTheProperty(string property, string? valueJson) =>
        StixTestJson.AssertRejected(Request().ToJson(), property, property, valueJson, LiaisonRequest.FromJson);

    [Theory]
    [InlineData("answered")]
    [InlineData("acknowledged")]
    [InlineData("declined")]
    public void Response_RoundTrips(string type) =>
        Assert.Equal(type, StixTestJson.RoundTrip(Response(type), LiaisonResponse.FromJson).ResponseType);

    [Theory]
    [InlineData("response_type", "\"maybe\"")]
    [InlineData("text", null)]
    [InlineData("request_ref", "\"incident--4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f\"")]
    public void Response_Malformed_IsRejectedNamingTheProperty(string property, string? valueJson) =>
        StixTestJson.AssertRejected(Response().ToJson(), property, property, valueJson, LiaisonResponse.FromJson);

    [Fact]
    public void Decline_WithoutReason_IsRejected() =>
        StixTestJson.AssertRejected(Response("declined").ToJson(), "reason", "reason", null, LiaisonResponse.FromJson);

    [Fact]
    public void StixObject_ReadsBothTypesIntoTheirRecords()
    {
        Assert.IsType<LiaisonRequest>(StixTestJson.Read(Request().ToJson(), StixObject.Parse));
        Assert.IsType<LiaisonResponse>(StixTestJson.Read(Response().ToJson(), StixObject.Parse));
    }
}
