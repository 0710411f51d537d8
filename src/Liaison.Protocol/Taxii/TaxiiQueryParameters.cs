namespace Liaison.Protocol.Taxii;

/// <summary>The URL query parameters of TAXII 2.1 (§3.4), and which of them each endpoint takes.</summary>
[Flags]
public enum TaxiiQueryParameters
{
    /// <summary>No parameter.</summary>
    None = 0,

    /// <summary><c>added_after</c>.</summary>
    AddedAfter = 1 << 0,

    /// <summary><c>limit</c>.</summary>
    Limit = 1 << 1,

    /// <summary><c>next</c>.</summary>
    Next = 1 << 2,

    /// <summary><c>match[id]</c>.</summary>
    MatchId = 1 << 3,

    /// <summary><c>match[type]</c>.</summary>
    MatchType = 1 << 4,

    /// <summary><c>match[version]</c>.</summary>
    MatchVersion = 1 << 5,

    /// <summary><c>match[spec_version]</c>.</summary>
    MatchSpecVersion = 1 << 6,

    /// <summary>Get Objects (§5.4) and Get Object Manifests (§5.3): every parameter.</summary>
    GetObjects = AddedAfter | Limit | Next | MatchId | MatchType | MatchVersion | MatchSpecVersion,

    /// <summary>Get an Object (§5.6): the id is in the path, so no <c>match[id]</c> or <c>match[type]</c>.</summary>
    GetAnObject = AddedAfter | Limit | Next | MatchVersion | MatchSpecVersion,

    /// <summary>Delete an Object (§5.7).</summary>
    DeleteAnObject = MatchVersion | MatchSpecVersion,

    /// <summary>Get Object Versions (§5.8).</summary>
    GetObjectVersions = AddedAfter | Limit | Next | MatchSpecVersion,
}
