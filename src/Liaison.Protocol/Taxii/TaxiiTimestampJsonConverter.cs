using System.Text.Json;
using System.Text.Json.Serialization;

namespace Liaison.Protocol.Taxii;

/// <summary>Reads and writes a <see cref="DateTimeOffset"/> as a TAXII 2.1 <c>timestamp</c> (§2).</summary>
public sealed class TaxiiTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A TAXII timestamp must be a JSON string, not {reader.TokenType}.");
        }

        return TaxiiTimestamp.TryParse(reader.GetString(), out var value, out var error)
            ? value
            : throw new JsonException(error);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(TaxiiTimestamp.Format(value));
    }
}
