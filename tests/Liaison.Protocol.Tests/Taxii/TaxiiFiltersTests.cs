using System.Text.Json.Nodes;
using Liaison.Protocol.Stix;
using Liaison.Protocol.Taxii;

namespace Liaison.Protocol.Tests.Taxii;

public class TaxiiFiltersTests
{
    private const int MaxLimit = 100;
    private const string IndicatorId = "indicator--3600ad1b-fff1-4c98-bcc9-4de3bc2e2ffb";
    private const string SightingId = "sighting--4600ad1b-fff1-4c58-bcc9-4de3bc5e2ffd";

    [Fact]
    public void TryParse_NoParameters_GivesTheDefaults()
    {
        var filters = Parse();

        Assert.Null(filters.AddedAfter);
        Assert.Equal(MaxLimit, filters.Limit);
        Assert.Null(filters.NextPosition);
        Assert.Empty(filters.Ids);
        Assert.Empty(filters.Types);
        Assert.Empty(filters.SpecVersions);
        Assert.Equal(TaxiiVersionFilter.Default, filters.Version);
        Assert.True(filters.Version.Last);
    }

    [Fact]
    public void TryParse_EveryParameter_IsRead()
    {
        var filters = Parse(
            ("added_after", "2016-01-01T01:01:01.123456Z"),
            ("limit", "10"),
            ("match[id]", $"{IndicatorId},{SightingId}"),
            ("match[type]", "incident,malware"),
            ("match[version]", "first,2018-03-02T01:01:01.123Z,last"),
            ("match[spec_version]", "2.0,2.1"));

        Assert.Equal(new DateTimeOffset(2016, 1, 1, 1, 1, 1, TimeSpan.Zero).AddTicks(1_234_560), filters.AddedAfter);
        Assert.Equal(10, filters.Limit);
        Assert.Equal([StixId.Parse(IndicatorId), StixId.Parse(SightingId)], filters.Ids);
        Assert.Equal(["incident", "malware"], filters.Types);
        Assert.True(filters.Version is { First: true, Last: true, All: false });
        Assert.Equal([new DateTimeOffset(2018, 3, 2, 1, 1, 1, 123, TimeSpan.Zero)], filters.Version.Specific);
        Assert.Equal(["2.0", "2.1"], filters.SpecVersions);
    }

    [Fact]
    public void TryParse_AcceptsAReadOnlyDictionary()
    {
        IReadOnlyDictionary<string, string?> query = new Dictionary<string, string?> { ["match[type]"] = "incident" };

        Assert.True(TaxiiFilters.TryParse(query, MaxLimit, out var filters, out _));
        Assert.Equal(["incident"], filters.Types);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("50", 50)]
    [InlineData("0050", 50)]
    [InlineData("100", 100)]
    [InlineData("5000", 100)]
    [InlineData("99999999999999999999999", 100)]
    public void TryParse_Limit_IsClampedToTheServerMaximum(string limit, int expected)
    {
        Assert.Equal(expected, Parse(("limit", limit)).Limit);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("000")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("1.5")]
    [InlineData("ten")]
    [InlineData(" 5")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_LimitNotAPositiveInteger_IsAnErrorNamingLimit(string? limit)
    {
        var error = Assert.Single(Errors(("limit", limit)));

        Assert.Equal("limit", error.Parameter);
    }

    [Fact]
    public void TryParse_AddedAfterWithAnOffset_IsAnErrorNamingAddedAfter()
    {
        var error = Assert.Single(Errors(("added_after", "2016-01-01T04:31:01.000000+03:30")));

        Assert.Equal("added_after", error.Parameter);
        Assert.Contains("offset", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("all")]
    [InlineData("last")]
    [InlineData("first")]
    [InlineData("last,first")]
    [InlineData("first,2018-03-02T01:01:01.123Z,last")]
    [InlineData("2016-03-23T01:01:01.000Z,2018-03-02T01:01:01.123Z")]
    public void TryParse_MatchVersion_AcceptsTheSpecExamples(string value)
    {
        Assert.True(TaxiiFilters.TryParse(Query(("match[version]", value)), MaxLimit, out _, out var errors), string.Join(" ", errors));
    }

    [Theory]
    [InlineData("all,last")]
    [InlineData("2016-03-23T01:01:01.000Z,all")]
    [InlineData("last,last")]
    [InlineData("2016-03-23T01:01:01.000Z,2016-03-23T01:01:01Z")]
    [InlineData("latest")]
    [InlineData("LAST")]
    [InlineData("2016-03-23T01:01:01.000+00:00")]
    [InlineData("last,,first")]
    [InlineData("last, first")]
    public void TryParse_MatchVersionMalformed_IsAnErrorNamingMatchVersion(string value)
    {
        var errors = Errors(("match[version]", value));

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("match[version]", e.Parameter));
    }

    [Theory]
    [InlineData("match[type]", "Incident")]
    [InlineData("match[type]", "ab")]
    [InlineData("match[type]", "incident,")]
    [InlineData("match[id]", "indicator--not-a-uuid")]
    [InlineData("match[id]", "3600ad1b-fff1-4c98-bcc9-4de3bc2e2ffb")]
    [InlineData("match[spec_version]", "2")]
    [InlineData("match[spec_version]", "v2.1")]
    [InlineData("match[spec_version]", "2.1.0")]
    [InlineData("next", "not-a-token")]
    [InlineData("match[colour]", "red")]
    [InlineData("match[type", "incident")]
    public void TryParse_MalformedValue_IsAnErrorNamingTheParameter(string parameter, string value)
    {
        var error = Assert.Single(Errors((parameter, value)));

        Assert.Equal(parameter, error.Parameter);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void TryParse_UnknownMatchField_SaysWhichFieldsAreSupported()
    {
        var error = Assert.Single(Errors(("match[created_by_ref]", "identity--x")));

        Assert.Contains("match[spec_version]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ParameterThatIsNotTaxiis_IsIgnored()
    {
        Assert.True(TaxiiFilters.TryParse(Query(("cache_buster", "123"), ("utm_source", null)), MaxLimit, out _, out var errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("added_after", "2016-01-01T01:01:01Z")]
    [InlineData("match[type]", "incident")]
    [InlineData("limit", "5")]
    public void TryParse_ParameterGivenTwice_IsAnError(string parameter, string value)
    {
        var error = Assert.Single(Errors((parameter, value), (parameter, value)));

        Assert.Equal(parameter, error.Parameter);
        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SeveralBadParameters_NamesEachOne()
    {
        var errors = Errors(
            ("limit", "0"),
            ("added_after", "soon"),
            ("match[version]", "all,first"),
            ("match[type]", "incident"));

        Assert.Equal(["added_after", "limit", "match[version]"], errors.Select(e => e.Parameter).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("match[type]", "incident")]
    [InlineData("match[id]", IndicatorId)]
    public void TryParse_ParameterTheEndpointDoesNotTake_IsAnError(string parameter, string value)
    {
        Assert.False(TaxiiFilters.TryParse(Query((parameter, value)), TaxiiQueryParameters.GetAnObject, MaxLimit, out _, out var errors));
        Assert.Equal(parameter, Assert.Single(errors).Parameter);
    }

    [Fact]
    public void TryParse_GetObjectVersions_TakesOnlyItsParameters()
    {
        Assert.True(TaxiiFilters.TryParse(Query(("match[spec_version]", "2.1"), ("limit", "5")), TaxiiQueryParameters.GetObjectVersions, MaxLimit, out _, out _));
        Assert.False(TaxiiFilters.TryParse(Query(("match[version]", "all")), TaxiiQueryParameters.GetObjectVersions, MaxLimit, out _, out _));
    }

    [Fact]
    public void TryParse_NextIssuedForTheSameFilters_GivesItsPosition()
    {
        var first = Parse(("match[type]", "incident,malware"), ("added_after", "2016-01-01T01:01:01Z"));
        var next = first.CreateNextToken(1234);

        var second = Parse(("match[type]", "malware,incident"), ("added_after", "2016-01-01T01:01:01.000000Z"), ("limit", "7"), ("next", next));

        Assert.Equal(1234, second.NextPosition);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
    }

    [Fact]
    public void TryParse_NextIssuedForOtherFilters_IsAnErrorNamingNext()
    {
        var next = Parse(("match[type]", "incident")).CreateNextToken(1234);

        var error = Assert.Single(Errors(("match[type]", "malware"), ("next", next)));

        Assert.Equal("next", error.Parameter);
        Assert.Contains("other filters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_DependsOnEveryFilterButLimitAndNext()
    {
        var fingerprints = new[]
        {
            Parse().Fingerprint,
            Parse(("added_after", "2016-01-01T01:01:01Z")).Fingerprint,
            Parse(("match[id]", IndicatorId)).Fingerprint,
            Parse(("match[type]", "incident")).Fingerprint,
            Parse(("match[version]", "all")).Fingerprint,
            Parse(("match[version]", "2016-01-01T01:01:01Z")).Fingerprint,
            Parse(("match[spec_version]", "2.1")).Fingerprint,
        };

        Assert.Equal(fingerprints.Length, fingerprints.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Parse().Fingerprint, Parse(("limit", "3")).Fingerprint);
    }

    [Fact]
    public void TryParse_MaxLimitBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TaxiiFilters.TryParse(Query(), 0, out _, out _));
    }

    [Fact]
    public void TaxiiError_ForQueryErrors_NamesEachParameterInDetails()
    {
        var errors = Errors(("limit", "0"), ("match[version]", "all,last"));

        var json = JsonNode.Parse(TaxiiJson.Serialize(TaxiiError.ForQueryErrors(errors)))!;

        Assert.Equal("400", (string?)json["http_status"]);
        Assert.NotNull(json["details"]!["limit"]);
        Assert.NotNull(json["details"]!["match[version]"]);
        Assert.Contains("match[version]:", (string?)json["description"], StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, string?>> Query(params (string Name, string? Value)[] parameters) =>
        [.. parameters.Select(p => KeyValuePair.Create(p.Name, p.Value))];

    private static TaxiiFilters Parse(params (string Name, string? Value)[] parameters)
    {
        Assert.True(TaxiiFilters.TryParse(Query(parameters), MaxLimit, out var filters, out var errors), string.Join(" ", errors));
        Assert.Empty(errors);
        return filters;
    }

    private static IReadOnlyList<TaxiiQueryError> Errors(params (string Name, string? Value)[] parameters)
    {
        Assert.False(TaxiiFilters.TryParse(Query(parameters), MaxLimit, out var filters, out var errors));
        Assert.Null(filters);
        return errors;
    }
}
