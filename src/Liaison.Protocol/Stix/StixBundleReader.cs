using System.Text.Json;

namespace Liaison.Protocol.Stix;

/// <summary>A bundle as read: its id and its objects in their typed forms.</summary>
/// <param name="Id">The bundle's identifier, <c>bundle--uuid</c>.</param>
/// <param name="Objects">The objects in bundle order; see <see cref="StixObject.Parse"/>.</param>
public sealed record ParsedStixBundle(StixId Id, IReadOnlyList<IStixObject> Objects)
{
    /// <summary>The objects of a given record type, such as <c>OfType&lt;Incident&gt;()</c>.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    public IEnumerable<T> OfType<T>()
        where T : IStixObject => Objects.OfType<T>();
}

/// <summary>Reads STIX 2.1 bundles (§8) into typed objects.</summary>
public static class StixBundleReader
{
    /// <summary>Reads a bundle from its JSON text.</summary>
    /// <param name="json">The bundle's JSON text.</param>
    /// <exception cref="StixFormatException">
    /// The text is not a bundle, or one of its objects of a known type is malformed; for an object the
    /// property is named as <c>objects[i].property</c>.
    /// </exception>
    public static ParsedStixBundle Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new StixFormatException($"The bundle is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    /// <summary>Reads a bundle from parsed JSON.</summary>
    /// <param name="json">The bundle's JSON.</param>
    /// <exception cref="StixFormatException">As for <see cref="Read(string)"/>.</exception>
    public static ParsedStixBundle Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new StixFormatException($"A STIX bundle must be a JSON object, not {json.ValueKind}.");
        }

        if (!json.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != StixBundle.TypeName)
        {
            throw new StixFormatException("type", $"a bundle must have \"type\": \"{StixBundle.TypeName}\" (STIX 2.1 §8).");
        }

        if (!json.TryGetProperty("id", out var idJson) || idJson.ValueKind != JsonValueKind.String ||
            !StixId.TryParse(idJson.GetString(), out var id) || id.Type != StixBundle.TypeName)
        {
            throw new StixFormatException("id", "a bundle needs an id of the form bundle--uuid (STIX 2.1 §8).");
        }

        if (!json.TryGetProperty("objects", out var objects) || objects.ValueKind == JsonValueKind.Null)
        {
            return new ParsedStixBundle(id, []);
        }

        if (objects.ValueKind != JsonValueKind.Array)
        {
            throw new StixFormatException("objects", $"must be a list, not {objects.ValueKind}.");
        }

        var result = new List<IStixObject>(objects.GetArrayLength());
        var index = 0;
        foreach (var item in objects.EnumerateArray())
        {
            try
            {
                result.Add(StixObject.Parse(item));
            }
            catch (StixFormatException e)
            {
                var path = e.PropertyName is null ? $"objects[{index}]" : $"objects[{index}].{e.PropertyName}";
                var message = e.PropertyName is null ? e.Message : e.Message[(e.PropertyName.Length + 2)..];
                throw new StixFormatException(path, message, e);
            }

            index++;
        }

        return new ParsedStixBundle(id, result);
    }
}
