namespace Liaison.Protocol.Taxii;

/// <summary>
/// The <c>match[version]</c> filter (TAXII 2.1 §3.4.1): which versions of each matching object to return. The
/// selections are ORed together.
/// </summary>
public sealed record TaxiiVersionFilter
{
    /// <summary>The default when <c>match[version]</c> is absent: the latest version only.</summary>
    public static TaxiiVersionFilter Default { get; } = new() { Last = true };

    /// <summary><c>last</c>: the latest version of each object.</summary>
    public bool Last { get; init; }

    /// <summary><c>first</c>: the earliest version of each object.</summary>
    public bool First { get; init; }

    /// <summary><c>all</c>: every version; never combined with another selection.</summary>
    public bool All { get; init; }

    /// <summary>Specific versions: objects whose <c>modified</c> (or <c>created</c> when unversioned) is exactly one of these instants.</summary>
    public IReadOnlyList<DateTimeOffset> Specific { get; init; } = [];
}
