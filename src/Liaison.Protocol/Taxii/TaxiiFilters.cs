using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Taxii;

/// <summary>
/// The URL query parameters of a TAXII 2.1 request (§3.4), checked and parsed. Absent lists mean "no filter";
/// match fields are ANDed, the values within one field ORed.
/// </summary>
public sealed record TaxiiFilters
{
    private const string AddedAfterName = "added_after";
    private const string LimitName = "limit";
    private const string NextName = "next";
    private const string MatchPrefix = "match[";
    private const string MatchIdName = "match[id]";
    private const string MatchTypeName = "match[type]";
    private const string MatchVersionName = "match[version]";
    private const string MatchSpecVersionName = "match[spec_version]";
    private const int MaxQuotedLength = 64;

    private TaxiiFilters()
    {
    }

    /// <summary><c>added_after</c>: only objects added to the collection strictly after this instant.</summary>
    public DateTimeOffset? AddedAfter { get; private init; }

    /// <summary>How many objects to return at most: the client's <c>limit</c> clamped to the server's maximum, or the maximum.</summary>
    public int Limit { get; private init; }

    /// <summary>The position from a valid <c>next</c> token issued for these same filters; see <see cref="TaxiiPageToken"/>.</summary>
    public long? NextPosition { get; private init; }

    /// <summary><c>match[id]</c>: only these objects.</summary>
    public IReadOnlyList<StixId> Ids { get; private init; } = [];

    /// <summary><c>match[type]</c>: only objects of these types.</summary>
    public IReadOnlyList<string> Types { get; private init; } = [];

    /// <summary><c>match[version]</c>: which versions; <see cref="TaxiiVersionFilter.Default"/> (<c>last</c>) when absent.</summary>
    public TaxiiVersionFilter Version { get; private init; } = TaxiiVersionFilter.Default;

    /// <summary><c>match[spec_version]</c>: only these STIX versions, such as <c>2.1</c>; when empty, the latest each object has (§3.4.1).</summary>
    public IReadOnlyList<string> SpecVersions { get; private init; } = [];

    /// <summary>
    /// A short digest of every filter except <c>limit</c> and <c>next</c>, to bind page tokens to the query
    /// (§3.5); the order of values within a list does not change it.
    /// </summary>
    public string Fingerprint { get; private init; } = string.Empty;

    /// <summary>The <c>next</c> value for a page that resumes at <paramref name="position"/> with these filters.</summary>
    /// <param name="position">The server's sequence position at which the next page starts.</param>
    public string CreateNextToken(long position) => new TaxiiPageToken(position, Fingerprint).ToString();

    /// <summary>
    /// Parses the query parameters of a Get Objects or Get Object Manifests request, which take every parameter.
    /// </summary>
    /// <param name="query">Each parameter as a name and value, repeated names as repeated pairs.</param>
    /// <param name="maxLimit">The most objects the server returns in one response; at least 1.</param>
    /// <param name="filters">The filters, when every parameter is well formed.</param>
    /// <param name="errors">Every malformed parameter, empty on success.</param>
    /// <returns><see langword="true"/> if the query is well formed; otherwise answer 400 with the errors.</returns>
    public static bool TryParse(
        IEnumerable<KeyValuePair<string, string?>> query,
        int maxLimit,
        [NotNullWhen(true)] out TaxiiFilters? filters,
        out IReadOnlyList<TaxiiQueryError> errors) =>
        TryParse(query, TaxiiQueryParameters.GetObjects, maxLimit, out filters, out errors);

    /// <summary>Parses the query parameters of a request to an endpoint that takes the given parameters.</summary>
    /// <remarks>
    /// Malformed values, parameters given twice (§3.4), <c>match[...]</c> fields this server does not know, and
    /// parameters the endpoint does not take are all errors, one per problem, naming the parameter. Parameters that
    /// are not TAXII's are ignored.
    /// </remarks>
    /// <param name="query">Each parameter as a name and value, repeated names as repeated pairs.</param>
    /// <param name="supported">The parameters the endpoint takes, such as <see cref="TaxiiQueryParameters.GetAnObject"/>.</param>
    /// <param name="maxLimit">The most objects the server returns in one response; at least 1.</param>
    /// <param name="filters">The filters, when every parameter is well formed.</param>
    /// <param name="errors">Every malformed parameter, empty on success.</param>
    /// <returns><see langword="true"/> if the query is well formed; otherwise answer 400 with the errors.</returns>
    public static bool TryParse(
        IEnumerable<KeyValuePair<string, string?>> query,
        TaxiiQueryParameters supported,
        int maxLimit,
        [NotNullWhen(true)] out TaxiiFilters? filters,
        out IReadOnlyList<TaxiiQueryError> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLimit, 1);

        var problems = new List<TaxiiQueryError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? addedAfter = null;
        var limit = maxLimit;
        string? next = null;
        IReadOnlyList<StixId> ids = [];
        IReadOnlyList<string> types = [];
        var version = TaxiiVersionFilter.Default;
        IReadOnlyList<string> specVersions = [];

        foreach (var (name, rawValue) in query)
        {
            if (name is null)
            {
                continue;
            }

            var parameter = Recognize(name);
            if (parameter == TaxiiQueryParameters.None)
            {
                if (name.StartsWith(MatchPrefix, StringComparison.Ordinal))
                {
                    problems.Add(new(name, "This server does not support that match field; it supports match[id], match[type], match[version] and match[spec_version] (TAXII 2.1 §3.4.1)."));
                }

                continue;
            }

            if (!supported.HasFlag(parameter))
            {
                problems.Add(new(name, "This endpoint does not take this parameter (TAXII 2.1 §5)."));
                continue;
            }

            // TAXII 2.1 §3.4: added_after MUST NOT appear twice, and no match field may occur more than once.
            if (!seen.Add(name))
            {
                problems.Add(new(name, "The parameter is given more than once; give it once, with comma-separated values where a list is allowed (TAXII 2.1 §3.4)."));
                continue;
            }

            if (string.IsNullOrEmpty(rawValue))
            {
                problems.Add(new(name, "The parameter has no value."));
                continue;
            }

            switch (parameter)
            {
                case TaxiiQueryParameters.AddedAfter:
                    if (TaxiiTimestamp.TryParse(rawValue, out var after, out var timestampError))
                    {
                        addedAfter = after;
                    }
                    else
                    {
                        problems.Add(new(name, timestampError));
                    }

                    break;
                case TaxiiQueryParameters.Limit:
                    if (TryParseLimit(rawValue, maxLimit, out var parsedLimit))
                    {
                        limit = parsedLimit;
                    }
                    else
                    {
                        problems.Add(new(name, $"{Quote(rawValue)} is not a positive integer greater than zero (TAXII 2.1 §3.4)."));
                    }

                    break;
                case TaxiiQueryParameters.Next:
                    next = rawValue;
                    break;
                case TaxiiQueryParameters.MatchId:
                    ids = ParseList<StixId>(name, rawValue, problems, StixId.TryParse, "is not a STIX identifier (type--uuid, STIX 2.1 §2.9)");
                    break;
                case TaxiiQueryParameters.MatchType:
                    types = ParseList<string>(name, rawValue, problems, TryParseType, "is not a STIX object type name (STIX 2.1 §3.1)");
                    break;
                case TaxiiQueryParameters.MatchVersion:
                    version = ParseVersion(name, rawValue, problems) ?? version;
                    break;
                case TaxiiQueryParameters.MatchSpecVersion:
                    specVersions = ParseList<string>(name, rawValue, problems, TryParseSpecVersion, "is not a specification version of the form n.m, such as 2.1 (TAXII 2.1 §3.4.1)");
                    break;
            }
        }

        var fingerprint = ComputeFingerprint(addedAfter, ids, types, version, specVersions);
        long? nextPosition = null;
        if (next is not null)
        {
            if (!TaxiiPageToken.TryParse(next, out var token))
            {
                problems.Add(new(NextName, "The value is not a next token this server issued; take it unchanged from the envelope's next (TAXII 2.1 §3.4)."));
            }
            else if (problems.Count == 0 && !token.IsFor(fingerprint))
            {
                problems.Add(new(NextName, "The token was issued for other filters; repeat the original query's filters with it (TAXII 2.1 §3.5)."));
            }
            else
            {
                nextPosition = token.Position;
            }
        }

        errors = problems;
        if (problems.Count > 0)
        {
            filters = null;
            return false;
        }

        filters = new TaxiiFilters
        {
            AddedAfter = addedAfter,
            Limit = limit,
            NextPosition = nextPosition,
            Ids = ids,
            Types = types,
            Version = version,
            SpecVersions = specVersions,
            Fingerprint = fingerprint,
        };
        return true;
    }

    private delegate bool TryParseValue<T>(string value, out T result);

    private static TaxiiQueryParameters Recognize(string name) => name switch
    {
        AddedAfterName => TaxiiQueryParameters.AddedAfter,
        LimitName => TaxiiQueryParameters.Limit,
        NextName => TaxiiQueryParameters.Next,
        MatchIdName => TaxiiQueryParameters.MatchId,
        MatchTypeName => TaxiiQueryParameters.MatchType,
        MatchVersionName => TaxiiQueryParameters.MatchVersion,
        MatchSpecVersionName => TaxiiQueryParameters.MatchSpecVersion,
        _ => TaxiiQueryParameters.None,
    };

    // TAXII 2.1 §3.4: a positive integer greater than zero; a larger request than the server allows is not an error.
    private static bool TryParseLimit(string text, int maxLimit, out int limit)
    {
        limit = 0;
        if (!text.All(char.IsAsciiDigit))
        {
            return false;
        }

        var digits = text.TrimStart('0');
        if (digits.Length == 0)
        {
            return false;
        }

        limit = digits.Length > 9 ? maxLimit : Math.Min(int.Parse(digits, CultureInfo.InvariantCulture), maxLimit);
        return true;
    }

    // TAXII 2.1 §3.4: values are separated by single commas without spaces; repeats within a list are harmless.
    private static List<T> ParseList<T>(string name, string text, List<TaxiiQueryError> problems, TryParseValue<T> tryParse, string invalid)
    {
        var values = new List<T>();
        foreach (var value in text.Split(','))
        {
            if (value.Length == 0)
            {
                problems.Add(new(name, "The list has an empty value; separate values with single commas and no spaces (TAXII 2.1 §3.4)."));
            }
            else if (!tryParse(value, out var parsed))
            {
                problems.Add(new(name, $"{Quote(value)} {invalid}."));
            }
            else if (!values.Contains(parsed))
            {
                values.Add(parsed);
            }
        }

        return values;
    }

    private static TaxiiVersionFilter? ParseVersion(string name, string text, List<TaxiiQueryError> problems)
    {
        var problemCount = problems.Count;
        bool last = false, first = false, all = false;
        var specific = new List<DateTimeOffset>();
        foreach (var value in text.Split(','))
        {
            // TAXII 2.1 §3.4.1: no keyword and no specific version may occur more than once.
            var duplicate = false;
            switch (value)
            {
                case "":
                    problems.Add(new(name, "The list has an empty value; separate values with single commas and no spaces (TAXII 2.1 §3.4)."));
                    continue;
                case "last":
                    duplicate = last;
                    last = true;
                    break;
                case "first":
                    duplicate = first;
                    first = true;
                    break;
                case "all":
                    duplicate = all;
                    all = true;
                    break;
                default:
                    if (!StixTimestamp.TryParse(value, out var instant))
                    {
                        problems.Add(new(name, $"{Quote(value)} is neither last, first, all nor a STIX timestamp such as 2016-01-01T01:01:01.000Z (TAXII 2.1 §3.4.1)."));
                        continue;
                    }

                    duplicate = specific.Contains(instant);
                    specific.Add(instant);
                    break;
            }

            if (duplicate)
            {
                problems.Add(new(name, $"{Quote(value)} occurs more than once (TAXII 2.1 §3.4.1)."));
            }
        }

        if (all && (last || first || specific.Count > 0))
        {
            problems.Add(new(name, "'all' cannot be combined with other versions (TAXII 2.1 §3.4.1)."));
        }

        return problems.Count > problemCount
            ? null
            : new TaxiiVersionFilter { Last = last, First = first, All = all, Specific = [.. specific.Distinct()] };
    }

    private static bool TryParseType(string value, out string type)
    {
        type = value;
        return StixId.IsValidType(value);
    }

    private static bool TryParseSpecVersion(string value, out string specVersion)
    {
        specVersion = value;
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < value.Length - 1 &&
            !value.AsSpan(0, dot).ContainsAnyExceptInRange('0', '9') &&
            !value.AsSpan(dot + 1).ContainsAnyExceptInRange('0', '9');
    }

    private static string ComputeFingerprint(
        DateTimeOffset? addedAfter,
        IReadOnlyList<StixId> ids,
        IReadOnlyList<string> types,
        TaxiiVersionFilter version,
        IReadOnlyList<string> specVersions)
    {
        static string Sorted(IEnumerable<string> values) => string.Join(',', values.Order(StringComparer.Ordinal));

        var canonical = new StringBuilder()
            .Append("added_after=").Append(addedAfter is { } after ? after.UtcTicks.ToString(CultureInfo.InvariantCulture) : string.Empty)
            .Append("\nid=").Append(Sorted(ids.Select(id => id.ToString())))
            .Append("\ntype=").Append(Sorted(types))
            .Append("\nversion=").Append(version.Last ? "last," : string.Empty).Append(version.First ? "first," : string.Empty).Append(version.All ? "all," : string.Empty)
            .Append(Sorted(version.Specific.Select(v => v.UtcTicks.ToString(CultureInfo.InvariantCulture))))
            .Append("\nspec_version=").Append(Sorted(specVersions))
            .ToString();

        // 72 bits: enough that two different queries of one client never share a fingerprint by chance.
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)).AsSpan(0, 9));
    }

    private static string Quote(string value) =>
        value.Length <= MaxQuotedLength ? $"'{value}'" : $"'{value[..MaxQuotedLength]}…'";
}
