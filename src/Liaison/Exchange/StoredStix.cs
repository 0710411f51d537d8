using System.Text.Json;
using Liaison.Protocol.Stix;

namespace Liaison.Exchange;

/// <summary>The facts the exchange indexes about one STIX object, read from its JSON text.</summary>
public sealed record StoredStix(
    string Id, string Type, string Version, DateTime VersionAt, string SpecVersion, string? CreatedByRef, bool Revoked, string? RefersTo, TlpLevel? Tlp, string Json)
{
    public static StoredStix Of(IStixObject stix)
    {
        ArgumentNullException.ThrowIfNull(stix);
        return FromJson(StixJson.ToJsonString(stix.ToJson()));
    }

    /// <summary>Reads the indexed facts; throws <see cref="StixFormatException"/> naming the property at fault.</summary>
    public static StoredStix FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new StixFormatException("(object)", "a STIX object must be a JSON object");
        }

        var id = Text(root, "id") ?? throw new StixFormatException("id", "is required");
        var type = Text(root, "type") ?? throw new StixFormatException("type", "is required");
        if (!Protocol.Stix.StixId.TryParse(id, out var parsed) || parsed.Type != type)
        {
            throw new StixFormatException("id", $"'{id}' is not a {type}--<uuid> identifier");
        }

        // STIX 2.1 §3.6: objects that are never versioned (marking definitions) are named by `created`.
        var version = Text(root, "modified") ?? Text(root, "created") ?? throw new StixFormatException("modified", "is required");
        if (!StixTimestamp.TryParse(version, out var versionAt))
        {
            throw new StixFormatException(root.TryGetProperty("modified", out _) ? "modified" : "created", $"'{version}' is not a STIX timestamp");
        }

        var markings = root.TryGetProperty("object_marking_refs", out var refs) && refs.ValueKind == JsonValueKind.Array
            ? refs.EnumerateArray().Select(r => r.GetString()).Where(r => r is not null && Protocol.Stix.StixId.TryParse(r, out _)).Select(r => Protocol.Stix.StixId.Parse(r!)).ToList()
            : [];
        return new StoredStix(
            id,
            type,
            version,
            Stored(versionAt.UtcDateTime),
            Text(root, "spec_version") ?? StixJson.SpecVersion,
            Text(root, "created_by_ref"),
            root.TryGetProperty("revoked", out var revoked) && revoked.ValueKind == JsonValueKind.True,
            type == Relationship.TypeName ? Text(root, "source_ref") : null,
            Protocol.Stix.Tlp.StrictestOf(markings),
            json);
    }

    /// <summary>
    /// A version's instant as every store keeps it: PostgreSQL's timestamps hold microseconds where .NET and SQLite
    /// hold 100 ns ticks, so <c>(id, modified)</c> is compared at the microsecond everywhere — a version minted
    /// between two microseconds then reads back from either database as the instant it was indexed under, and a
    /// receipt or a retried push names the same version (STIX 2.1 §3.2 asks only for millisecond precision).
    /// </summary>
    public static DateTime Stored(DateTime at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
