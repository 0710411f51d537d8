using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Liaison.Protocol.Taxii;

/// <summary>Reads and writes the TAXII 2.1 resources of this namespace as JSON (TAXII 2.1 §1.6.7).</summary>
/// <remarks>
/// The resource types carry their exact property names (§3.8) and omission rules as attributes, so they also
/// serialize correctly with other options, such as ASP.NET Core's web defaults. These options add strict reading:
/// a required property that is missing or <c>null</c> is a <see cref="JsonException"/>.
/// </remarks>
public static class TaxiiJson
{
    /// <summary>Compact output that leaves non-ASCII text readable, like <see cref="Stix.StixJson.SerializerOptions"/>; strict about required and non-nullable properties when reading.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    /// <summary>Writes a resource as JSON text.</summary>
    /// <typeparam name="T">The resource type, such as <see cref="TaxiiStatus"/>.</typeparam>
    /// <param name="resource">The resource.</param>
    public static string Serialize<T>(T resource) => JsonSerializer.Serialize(resource, SerializerOptions);

    /// <summary>Writes a resource as UTF-8 JSON.</summary>
    /// <typeparam name="T">The resource type, such as <see cref="TaxiiStatus"/>.</typeparam>
    /// <param name="resource">The resource.</param>
    public static byte[] SerializeToUtf8Bytes<T>(T resource) => JsonSerializer.SerializeToUtf8Bytes(resource, SerializerOptions);

    /// <summary>Reads a resource from JSON text.</summary>
    /// <typeparam name="T">The resource type, such as <see cref="TaxiiEnvelope"/>.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <exception cref="JsonException">The text is not JSON, or not that resource: a required property is missing, a value has the wrong type, a timestamp is not in UTC.</exception>
    public static T Deserialize<T>([StringSyntax(StringSyntaxAttribute.Json)] string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<T>(json, SerializerOptions) ?? throw NullResource<T>();
    }

    /// <summary>Reads a resource from UTF-8 JSON.</summary>
    /// <typeparam name="T">The resource type, such as <see cref="TaxiiEnvelope"/>.</typeparam>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <exception cref="JsonException">As for <see cref="Deserialize{T}(string)"/>.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<T>(utf8Json, SerializerOptions) ?? throw NullResource<T>();

    private static JsonException NullResource<T>() => new($"Expected a TAXII {typeof(T).Name} as a JSON object, not null.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
