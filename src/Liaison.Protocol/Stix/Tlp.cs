using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>The five Traffic Light Protocol 2.0 levels (FIRST TLP 2.0), from least to most restrictive.</summary>
public enum TlpLevel
{
    /// <summary>TLP:CLEAR: anyone, no limit.</summary>
    Clear,

    /// <summary>TLP:GREEN: the community (the parties of the agreement), not public channels.</summary>
    Green,

    /// <summary>TLP:AMBER: the recipient's organisation and those it must inform, on a need-to-know basis.</summary>
    Amber,

    /// <summary>TLP:AMBER+STRICT: the recipient's organisation only.</summary>
    AmberStrict,

    /// <summary>TLP:RED: named individuals only; in Liaison it never leaves the originating node.</summary>
    Red,
}

/// <summary>
/// The published TLP 2.0 marking-definition objects (STIX 2.1 §7.2; the OASIS TLP 2.0 extension). Their ids
/// are fixed worldwide: Liaison never mints its own TLP markings.
/// </summary>
public static class Tlp
{
    /// <summary>The id of the OASIS extension definition that carries <c>tlp_2_0</c> in a marking definition.</summary>
    public static readonly StixId ExtensionDefinitionId = StixId.Parse("extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d");

    /// <summary>The <c>created</c> time shared by all five TLP 2.0 marking definitions.</summary>
    public static readonly DateTimeOffset Created = new(2022, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (TlpLevel Level, string Name, string Id, string Value)[] Table =
    [
        (TlpLevel.Clear, "TLP:CLEAR", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "clear"),
        (TlpLevel.Green, "TLP:GREEN", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "green"),
        (TlpLevel.Amber, "TLP:AMBER", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "amber"),
        (TlpLevel.AmberStrict, "TLP:AMBER+STRICT", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "amber+strict"),
        (TlpLevel.Red, "TLP:RED", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "red"),
    ];

    /// <summary>TLP:CLEAR.</summary>
    public static MarkingDefinition Clear => Get(TlpLevel.Clear);

    /// <summary>TLP:GREEN.</summary>
    public static MarkingDefinition Green => Get(TlpLevel.Green);

    /// <summary>TLP:AMBER.</summary>
    public static MarkingDefinition Amber => Get(TlpLevel.Amber);

    /// <summary>TLP:AMBER+STRICT.</summary>
    public static MarkingDefinition AmberStrict => Get(TlpLevel.AmberStrict);

    /// <summary>TLP:RED.</summary>
    public static MarkingDefinition Red => Get(TlpLevel.Red);

    /// <summary>All five marking definitions, from CLEAR to RED.</summary>
    public static IReadOnlyList<MarkingDefinition> All => [.. Table.Select(row => Get(row.Level))];

    /// <summary>The marking definition of a level (a new copy each time, since it holds mutable JSON).</summary>
    /// <param name="level">The level.</param>
    public static MarkingDefinition Get(TlpLevel level)
    {
        var row = Row(level);
        return new MarkingDefinition
        {
            Id = StixId.Parse(row.Id),
            Created = Created,
            Name = row.Name,
            Extensions = new Dictionary<string, JsonObject>(StringComparer.Ordinal)
            {
                [ExtensionDefinitionId.ToString()] = new JsonObject
                {
                    ["extension_type"] = "property-extension",
                    ["tlp_2_0"] = row.Value,
                },
            },
        };
    }

    /// <summary>The marking-definition id of a level.</summary>
    /// <param name="level">The level.</param>
    public static StixId IdOf(TlpLevel level) => StixId.Parse(Row(level).Id);

    /// <summary>The name of a level, such as <c>TLP:AMBER+STRICT</c>.</summary>
    /// <param name="level">The level.</param>
    public static string NameOf(TlpLevel level) => Row(level).Name;

    /// <summary>Finds the level of a TLP 2.0 marking-definition id.</summary>
    /// <param name="id">A marking-definition id.</param>
    /// <param name="level">The level, when the id is one of the five.</param>
    /// <returns><see langword="true"/> if the id is a TLP 2.0 marking definition.</returns>
    public static bool TryFromId(StixId id, out TlpLevel level)
    {
        var text = id.ToString();
        foreach (var row in Table)
        {
            if (row.Id == text)
            {
                level = row.Level;
                return true;
            }
        }

        level = default;
        return false;
    }

    /// <summary>Finds a level by name, such as <c>TLP:AMBER+STRICT</c> (case-insensitive; the <c>TLP:</c> prefix is optional).</summary>
    /// <param name="name">The name.</param>
    /// <param name="level">The level, when the name is one of the five.</param>
    /// <returns><see langword="true"/> if the name is a TLP 2.0 level.</returns>
    public static bool TryFromName(string? name, out TlpLevel level)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        foreach (var row in Table)
        {
            if (string.Equals(row.Name, trimmed, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(row.Name[4..], trimmed, StringComparison.OrdinalIgnoreCase))
            {
                level = row.Level;
                return true;
            }
        }

        level = default;
        return false;
    }

    /// <summary>The most restrictive TLP 2.0 level among marking references, or <see langword="null"/> when none is TLP 2.0.</summary>
    /// <param name="markingRefs">An object's <c>object_marking_refs</c>.</param>
    public static TlpLevel? StrictestOf(IEnumerable<StixId>? markingRefs)
    {
        TlpLevel? result = null;
        foreach (var id in markingRefs ?? [])
        {
            if (TryFromId(id, out var level) && (result is null || level > result))
            {
                result = level;
            }
        }

        return result;
    }

    private static (TlpLevel Level, string Name, string Id, string Value) Row(TlpLevel level) =>
        Array.Find(Table, row => row.Level == level) is { Id: not null } row
            ? row
            : throw new ArgumentOutOfRangeException(nameof(level), level, "Not a TLP 2.0 level.");
}
