using System.Buffers;
using System.Text.Json;

namespace Liaison.Protocol.Taxii;

/// <summary>
/// Writes a TAXII 2.1 <c>envelope</c> (§3.7) around objects that are already JSON text, such as the stored text of
/// signed STIX objects, splicing each in unchanged instead of parsing and re-serializing it.
/// </summary>
/// <remarks>
/// Each object is still scanned once by <see cref="Utf8JsonWriter.WriteRawValue(string, bool)"/>, which refuses text
/// that is not a single complete JSON value, so a damaged row cannot produce a broken response.
/// </remarks>
public static class TaxiiEnvelopeWriter
{
    /// <summary>Writes an envelope whose objects are JSON text.</summary>
    /// <param name="writer">Where to write; the caller flushes it.</param>
    /// <param name="objects">Each object's JSON text, oldest <c>date_added</c> first; none gives <c>{}</c> (§5.4).</param>
    /// <param name="more">Whether more objects match the request (§3.5).</param>
    /// <param name="next">The token for the next page; only with <paramref name="more"/>.</param>
    /// <exception cref="ArgumentException">An item is not a JSON object, or <paramref name="next"/> is given without <paramref name="more"/>.</exception>
    /// <exception cref="JsonException">An item is not one complete JSON value.</exception>
    public static void Write(Utf8JsonWriter writer, IEnumerable<string> objects, bool more = false, string? next = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(objects);
        WriteEnvelope(writer, objects, more, next, static (w, json, index) =>
        {
            ArgumentNullException.ThrowIfNull(json, $"objects[{index}]");
            var text = json.AsSpan().TrimStart();
            if (text.IsEmpty || text[0] != '{')
            {
                throw NotAnObject(index);
            }

            w.WriteRawValue(json);
        });
    }

    /// <summary>Writes an envelope whose objects are UTF-8 JSON, as read from storage.</summary>
    /// <param name="writer">Where to write; the caller flushes it.</param>
    /// <param name="utf8Objects">Each object's UTF-8 JSON, oldest <c>date_added</c> first; none gives <c>{}</c> (§5.4).</param>
    /// <param name="more">Whether more objects match the request (§3.5).</param>
    /// <param name="next">The token for the next page; only with <paramref name="more"/>.</param>
    /// <exception cref="ArgumentException">An item is not a JSON object, or <paramref name="next"/> is given without <paramref name="more"/>.</exception>
    /// <exception cref="JsonException">An item is not one complete JSON value.</exception>
    public static void Write(Utf8JsonWriter writer, IEnumerable<ReadOnlyMemory<byte>> utf8Objects, bool more = false, string? next = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(utf8Objects);
        WriteEnvelope(writer, utf8Objects, more, next, static (w, json, index) =>
        {
            var span = json.Span;
            var start = 0;
            while (start < span.Length && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                start++;
            }

            if (start == span.Length || span[start] != (byte)'{')
            {
                throw NotAnObject(index);
            }

            w.WriteRawValue(span);
        });
    }

    /// <summary>Writes an envelope whose objects are JSON text, and returns it as a string.</summary>
    /// <param name="objects">Each object's JSON text, oldest <c>date_added</c> first.</param>
    /// <param name="more">Whether more objects match the request (§3.5).</param>
    /// <param name="next">The token for the next page; only with <paramref name="more"/>.</param>
    /// <exception cref="ArgumentException">As for <see cref="Write(Utf8JsonWriter, IEnumerable{string}, bool, string?)"/>.</exception>
    /// <exception cref="JsonException">An item is not one complete JSON value.</exception>
    public static string ToJsonString(IEnumerable<string> objects, bool more = false, string? next = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = TaxiiJson.SerializerOptions.Encoder }))
        {
            Write(writer, objects, more, next);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteEnvelope<T>(Utf8JsonWriter writer, IEnumerable<T> objects, bool more, string? next, Action<Utf8JsonWriter, T, int> writeObject)
    {
        // TAXII 2.1 §3.7: next MAY be populated only when more is true.
        if (next is not null && !more)
        {
            throw new ArgumentException("An envelope carries next only when more is true (TAXII 2.1 §3.7).", nameof(next));
        }

        writer.WriteStartObject();
        if (more)
        {
            writer.WriteBoolean("more", true);
        }

        if (next is not null)
        {
            writer.WriteString("next", next);
        }

        // TAXII 2.1 §2 and §3.7: an empty list is not allowed; an empty envelope has no objects key.
        using var enumerator = objects.GetEnumerator();
        if (enumerator.MoveNext())
        {
            writer.WriteStartArray("objects");
            var index = 0;
            do
            {
                writeObject(writer, enumerator.Current, index++);
            }
            while (enumerator.MoveNext());
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static ArgumentException NotAnObject(int index) =>
        new($"objects[{index}] is not a JSON object; an envelope holds STIX objects (TAXII 2.1 §3.7).");
}
