using System.Buffers;
using System.Text;
using System.Text.Json;
using Liaison.Protocol.Taxii;

namespace Liaison.Protocol.Tests.Taxii;

public class TaxiiEnvelopeWriterTests
{
    private const string First = """{"type":"incident","spec_version":"2.1","id":"incident--0e3a4f3c-5d4b-4f2b-9c76-0c4b1d2e3f40","name":"گذرگاه"}""";
    private const string Second = """{ "id" : "note--1e3a4f3c-5d4b-4f2b-9c76-0c4b1d2e3f41", "type":"note","content":"a \u0022quote\u0022" }""";

    [Fact]
    public void Write_SplicesEachObjectsTextUnchanged()
    {
        var json = TaxiiEnvelopeWriter.ToJsonString([First, Second]);

        Assert.Equal($$"""{"objects":[{{First}},{{Second}}]}""", json);
    }

    [Fact]
    public void Write_MoreAndNext_AreWrittenBeforeTheObjects()
    {
        var json = TaxiiEnvelopeWriter.ToJsonString([First], more: true, next: "AQAAAAAA");

        Assert.Equal($$"""{"more":true,"next":"AQAAAAAA","objects":[{{First}}]}""", json);
    }

    [Fact]
    public void Write_NoObjects_IsAnEmptyEnvelope()
    {
        Assert.Equal("{}", TaxiiEnvelopeWriter.ToJsonString([]));
        Assert.Equal("""{"more":true}""", TaxiiEnvelopeWriter.ToJsonString([], more: true));
    }

    [Fact]
    public void Write_Output_ReadsBackAsAnEnvelope()
    {
        var envelope = TaxiiJson.Deserialize<TaxiiEnvelope>(TaxiiEnvelopeWriter.ToJsonString([First, Second], true, "n"));

        Assert.True(envelope.More);
        Assert.Equal("n", envelope.Next);
        Assert.Equal([First, Second], envelope.Objects!.Select(o => o.GetRawText()));
    }

    [Fact]
    public void Write_Utf8Objects_GivesTheSameBytesAsText()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = TaxiiJson.SerializerOptions.Encoder }))
        {
            TaxiiEnvelopeWriter.Write(writer, [Encoding.UTF8.GetBytes(First).AsMemory(), Encoding.UTF8.GetBytes(Second).AsMemory()], more: true, next: "n");
        }

        Assert.Equal(TaxiiEnvelopeWriter.ToJsonString([First, Second], true, "n"), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Write_NextWithoutMore_Throws()
    {
        Assert.Throws<ArgumentException>(() => TaxiiEnvelopeWriter.ToJsonString([First], more: false, next: "n"));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("   ")]
    public void Write_ItemThatIsNotAJsonObject_Throws(string item)
    {
        var error = Assert.Throws<ArgumentException>(() => TaxiiEnvelopeWriter.ToJsonString([First, item]));

        Assert.Contains("objects[1]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":")]
    [InlineData("{\"a\":1}{\"b\":2}")]
    public void Write_ItemThatIsNotCompleteJson_Throws(string item)
    {
        Assert.ThrowsAny<JsonException>(() => TaxiiEnvelopeWriter.ToJsonString([item]));
    }
}
