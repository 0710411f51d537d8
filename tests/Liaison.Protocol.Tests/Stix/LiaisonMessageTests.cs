using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class LiaisonMessageTests
{
    private static readonly DateTimeOffset Written = new(2026, 11, 28, 9, 30, 0, 250, TimeSpan.Zero);
    private static readonly StixId Writer = StixId.Parse("identity--7b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e");
    private static readonly StixId Reader = StixId.Parse("identity--2f9b1d2e-9c1f-4c55-8a55-0f3b8c3f1a10");

    internal static LiaisonMessage Message() => new()
    {
        Id = StixId.Parse("liaison-message--0c4a7b2e-5f1d-4e3a-9b8c-7d6e5f4a3b21"),
        Created = Written,
        Modified = Written,
        CreatedByRef = Writer,
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        ThreadRef = "5b2f0c1e-8d4a-4c7b-9e3f-1a2b3c4d5e6f",
        Subject = "Joint patrol at Taftan, Friday",
        Sequence = 3,
        Priority = "urgent",
        Body = "Can your post at Mirjaveh confirm the meeting point?",
        Written = Written,
        Author = "Major Asad Khan",
        AuthorRole = "Liaison officer, Taftan sector",
    };

    internal static LiaisonReceipt Receipt() => new()
    {
        Id = StixId.Parse("liaison-receipt--1d2e3f4a-5b6c-5d7e-8f9a-0b1c2d3e4f5a"),
        Created = Written.AddMinutes(7),
        Modified = Written.AddMinutes(7),
        CreatedByRef = Reader,
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        MessageRefs = [Message().Id],
        ReadAt = Written.AddMinutes(7),
        ReadBy = "Captain Reza Karimi",
    };

    [Fact]
    public void Message_RoundTrips_WithTheNewSdoMarker()
    {
        var copy = StixTestJson.RoundTrip(Message(), LiaisonMessage.FromJson);

        Assert.Equal(3, copy.Sequence);
        Assert.Equal("new-sdo", (string)Message().ToJson()["extensions"]![LiaisonExtensions.NewObjectTypesExtensionId.ToString()]!["extension_type"]!);
    }

    [Fact]
    public void Message_WithoutAuthorRole_RoundTrips() =>
        Assert.Null(StixTestJson.RoundTrip(Message() with { AuthorRole = null }, LiaisonMessage.FromJson).AuthorRole);

    [Fact]
    public void Receipt_RoundTrips() =>
        Assert.Equal([Message().Id], StixTestJson.RoundTrip(Receipt(), LiaisonReceipt.FromJson).MessageRefs);

    [Fact]
    public void StixObject_ReadsBothTypesIntoTheirRecords()
    {
        Assert.IsType<LiaisonMessage>(StixTestJson.Read(Message().ToJson(), StixObject.Parse));
        Assert.IsType<LiaisonReceipt>(StixTestJson.Read(Receipt().ToJson(), StixObject.Parse));
    }

    [Theory]
    [InlineData("priority", "priority", "\"routine\"")]
    [InlineData("thread_ref", "thread_ref", "\"not-a-uuid\"")]
    [InlineData("sequence", "sequence", "0")]
    [InlineData("body", "body", null)]
    [InlineData("written", "written", "\"yesterday\"")]
    [InlineData("author", "author", null)]
    public void Message_InvalidProperty_ThrowsNamingTheProperty(string expected, string path, string? valueJson) =>
        StixTestJson.AssertRejected(Message().ToJson(), expected, path, valueJson, LiaisonMessage.FromJson);

    [Theory]
    [InlineData("receipt_type", "receipt_type", "\"delivered\"")]
    [InlineData("message_refs", "message_refs", "[]")]
    [InlineData("message_refs[0]", "message_refs", "[\"liaison-alert--3c0b7f6e-2d8a-4f4e-9b1a-6a2c5d7e8f90\"]")]
    [InlineData("read_by", "read_by", null)]
    public void Receipt_InvalidProperty_ThrowsNamingTheProperty(string expected, string path, string? valueJson) =>
        StixTestJson.AssertRejected(Receipt().ToJson(), expected, path, valueJson, LiaisonReceipt.FromJson);
}
