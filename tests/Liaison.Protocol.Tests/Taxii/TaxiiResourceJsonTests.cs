using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Protocol.Taxii;

namespace Liaison.Protocol.Tests.Taxii;

// JSON shaped like the examples of TAXII 2.1 §3.6.1, §3.7, §4.1, §4.2, §4.3, §5.1, §5.2, §5.3 and §5.8.
public class TaxiiResourceJsonTests
{
    // ASP.NET Core's defaults: camelCase names, nulls written.
    private static readonly JsonSerializerOptions WebDefaults = new(JsonSerializerDefaults.Web);

    private const string DiscoveryJson = """
        {
          "title": "Some TAXII Server",
          "description": "This TAXII Server contains a listing of...",
          "contact": "string containing contact information",
          "default": "https://example.com/api2/",
          "api_roots": ["https://example.com/api1/", "https://example.com/api2/", "https://example.net/trustgroup1/"]
        }
        """;

    private const string ApiRootJson = """
        {
          "title": "Malware Research Group",
          "description": "A trust group setup for malware researchers",
          "versions": ["application/taxii+json;version=2.1"],
          "max_content_length": 104857600
        }
        """;

    private const string CollectionsJson = """
        {
          "collections": [
            {
              "id": "91a7b528-80eb-42ed-a74d-c6fbd5a26116",
              "title": "High Value Indicator Collection",
              "description": "This data collection contains high value IOCs",
              "can_read": true,
              "can_write": false,
              "media_types": ["application/stix+json;version=2.1"]
            },
            {
              "id": "52892447-4d7e-4f70-b94d-d7f22742ff63",
              "title": "Indicators from the past 24-hours",
              "alias": "critical-high-value-indicators",
              "can_read": true,
              "can_write": true
            }
          ]
        }
        """;

    private const string ManifestJson = """
        {
          "more": true,
          "objects": [
            {
              "id": "indicator--29aba82c-5393-42a8-9edb-6a2cb1df070b",
              "date_added": "2016-11-04T03:04:05.100000Z",
              "version": "2016-11-03T12:30:59.000Z",
              "media_type": "application/stix+json;version=2.1"
            },
            {
              "id": "indicator--ef0b28e1-308c-4a30-8770-9b4851b260a5",
              "date_added": "2016-11-04T10:29:06.100000Z",
              "version": "2016-11-03T12:35:10.000Z"
            }
          ]
        }
        """;

    private const string VersionsJson = """
        {
          "versions": ["2016-11-03T12:30:59.000Z", "2016-11-03T12:31:00.000Z"]
        }
        """;

    private const string StatusJson = """
        {
          "id": "2d086da7-4bdc-4f91-900e-d77486753710",
          "status": "pending",
          "request_timestamp": "2016-11-02T12:34:34.123450Z",
          "total_count": 4,
          "success_count": 1,
          "successes": [
            { "id": "indicator--c410e480-e42b-47d1-9476-85307c12bcbf", "version": "2018-05-27T12:02:41.312Z" }
          ],
          "failure_count": 1,
          "failures": [
            { "id": "malware--664fa29d-bf65-4f28-a667-bdb76f29ec98", "version": "2018-05-28T14:03:42.543Z", "message": "Unable to process object" }
          ],
          "pending_count": 2,
          "pendings": [
            { "id": "indicator--252c7c11-daf2-42bd-843b-be65edca9f61", "version": "2018-05-18T20:16:21.148Z" },
            { "id": "relationship--045585ad-a22f-4333-af33-bfd503a683b5", "version": "2018-05-15T10:13:32.579Z" }
          ]
        }
        """;

    private const string ErrorJson = """
        {
          "title": "Error condition XYZ",
          "description": "This error is caused when the application tries to access data...",
          "error_id": "1234",
          "error_code": "581234",
          "http_status": "409",
          "external_details": "http://example.com/ticketnumber1/errorid-1234",
          "details": { "somekey1": "somevalue", "somekey2": "some other value" }
        }
        """;

    private const string EnvelopeJson = """
        {
          "more": true,
          "next": "123456789",
          "objects": [
            { "type": "indicator", "spec_version": "2.1", "id": "indicator--252c7c11-daf2-42bd-843b-be65edca9f61", "name": "نام" }
          ]
        }
        """;

    public static TheoryData<string, Type> SpecExamples => new()
    {
        { DiscoveryJson, typeof(TaxiiDiscovery) },
        { ApiRootJson, typeof(TaxiiApiRoot) },
        { CollectionsJson, typeof(TaxiiCollections) },
        { ManifestJson, typeof(TaxiiManifest) },
        { VersionsJson, typeof(TaxiiVersions) },
        { StatusJson, typeof(TaxiiStatus) },
        { ErrorJson, typeof(TaxiiError) },
        { EnvelopeJson, typeof(TaxiiEnvelope) },
    };

    [Theory]
    [MemberData(nameof(SpecExamples))]
    public void ReadThenWrite_SpecExample_RoundTrips(string json, Type resourceType)
    {
        var resource = JsonSerializer.Deserialize(json, resourceType, TaxiiJson.SerializerOptions);

        var written = JsonSerializer.Serialize(resource, resourceType, TaxiiJson.SerializerOptions);

        AssertSameJson(json, written);
    }

    [Theory]
    [MemberData(nameof(SpecExamples))]
    public void Write_WithWebDefaults_StillUsesTheSpecNamesAndOmissions(string json, Type resourceType)
    {
        var resource = JsonSerializer.Deserialize(json, resourceType, TaxiiJson.SerializerOptions);

        var written = JsonSerializer.Serialize(resource, resourceType, WebDefaults);

        AssertSameJson(json, written);
    }

    [Fact]
    public void Read_Discovery_MapsEveryProperty()
    {
        var discovery = TaxiiJson.Deserialize<TaxiiDiscovery>(DiscoveryJson);

        Assert.Equal("Some TAXII Server", discovery.Title);
        Assert.Equal("https://example.com/api2/", discovery.Default);
        Assert.Equal(3, discovery.ApiRoots?.Count);
    }

    [Fact]
    public void Read_Collection_MapsEveryProperty()
    {
        var collections = TaxiiJson.Deserialize<TaxiiCollections>(CollectionsJson).Collections!;

        Assert.Equal(Guid.Parse("91a7b528-80eb-42ed-a74d-c6fbd5a26116"), collections[0].Id);
        Assert.True(collections[0].CanRead);
        Assert.False(collections[0].CanWrite);
        Assert.Equal([TaxiiMediaTypes.Stix21], collections[0].MediaTypes);
        Assert.Equal("critical-high-value-indicators", collections[1].Alias);
        Assert.Null(collections[1].MediaTypes);
    }

    [Fact]
    public void Read_Status_MapsCountsListsAndTimestamp()
    {
        var status = TaxiiJson.Deserialize<TaxiiStatus>(StatusJson);

        Assert.Equal(TaxiiStatusState.Pending, status.Status);
        Assert.Equal(new DateTimeOffset(2016, 11, 2, 12, 34, 34, TimeSpan.Zero).AddTicks(1_234_500), status.RequestTimestamp);
        Assert.Equal((4, 1, 1, 2), (status.TotalCount, status.SuccessCount, status.FailureCount, status.PendingCount));
        Assert.Equal("Unable to process object", Assert.Single(status.Failures!).Message);
        Assert.Equal(2, status.Pendings!.Count);
    }

    [Fact]
    public void Write_Timestamps_HaveSixFractionDigits()
    {
        var status = TaxiiJson.Deserialize<TaxiiStatus>(StatusJson.Replace(".123450Z", ".12345Z", StringComparison.Ordinal));

        Assert.Contains("\"request_timestamp\":\"2016-11-02T12:34:34.123450Z\"", TaxiiJson.Serialize(status), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Error_AcceptsHttpStatusAsANumberToo()
    {
        var error = TaxiiJson.Deserialize<TaxiiError>("""{"title":"Conflict","http_status":409}""");

        Assert.Equal(409, error.HttpStatus);
        Assert.Equal("""{"title":"Conflict","http_status":"409"}""", TaxiiJson.Serialize(error));
    }

    [Fact]
    public void Read_Envelope_KeepsEachObjectsExactText()
    {
        const string Object = """{ "type":"note",  "id":"note--0e3a4f3c-5d4b-4f2b-9c76-0c4b1d2e3f40", "content":"\u00e9" }""";

        var envelope = TaxiiJson.Deserialize<TaxiiEnvelope>($$"""{"objects":[{{Object}}]}""");

        Assert.Equal(Object, Assert.Single(envelope.Objects!).GetRawText());
        Assert.False(envelope.More);
        Assert.Null(envelope.Next);
    }

    [Fact]
    public void Write_EmptyResources_AreEmptyObjects()
    {
        Assert.Equal("{}", TaxiiJson.Serialize(new TaxiiEnvelope { Objects = [] }));
        Assert.Equal("{}", TaxiiJson.Serialize(new TaxiiCollections { Collections = [] }));
        Assert.Equal("{}", TaxiiJson.Serialize(new TaxiiManifest { Objects = [] }));
        Assert.Equal("{}", TaxiiJson.Serialize(new TaxiiVersions { Versions = [] }));
    }

    [Fact]
    public void Write_EmptyOptionalLists_AreOmitted()
    {
        var discovery = new TaxiiDiscovery { Title = "Liaison", ApiRoots = [] };
        var collection = new TaxiiCollection { Id = Guid.Empty, Title = "Incidents", CanRead = true, CanWrite = false, MediaTypes = [] };
        var error = new TaxiiError { Title = "Oops", Details = new Dictionary<string, JsonElement>() };

        Assert.Equal("""{"title":"Liaison"}""", TaxiiJson.Serialize(discovery));
        Assert.Equal("""{"id":"00000000-0000-0000-0000-000000000000","title":"Incidents","can_read":true,"can_write":false}""", TaxiiJson.Serialize(collection));
        Assert.Equal("""{"title":"Oops"}""", TaxiiJson.Serialize(error));
    }

    [Fact]
    public void Write_Status_AlwaysIncludesTheRequiredCounts()
    {
        var status = TaxiiStatus.FromOutcome(Guid.Parse("2d086da7-4bdc-4f91-900e-d77486753710"), null, [], []);

        Assert.Equal(
            """{"id":"2d086da7-4bdc-4f91-900e-d77486753710","status":"complete","total_count":0,"success_count":0,"failure_count":0,"pending_count":0}""",
            TaxiiJson.Serialize(status));
    }

    [Fact]
    public void FromOutcome_CountsTheListsAndIsPendingOnlyWithPendings()
    {
        var one = new TaxiiStatusDetails { Id = "indicator--c410e480-e42b-47d1-9476-85307c12bcbf", Version = "2018-05-27T12:02:41.312Z" };
        var two = one with { Message = "Unable to process object" };

        var complete = TaxiiStatus.FromOutcome(Guid.NewGuid(), null, [one, one], [two]);
        var pending = TaxiiStatus.FromOutcome(Guid.NewGuid(), null, [], [], [one]);

        Assert.Equal((TaxiiStatusState.Complete, 3, 2, 1, 0), (complete.Status, complete.TotalCount, complete.SuccessCount, complete.FailureCount, complete.PendingCount));
        Assert.Null(complete.Pendings);
        Assert.Equal((TaxiiStatusState.Pending, 1, 1), (pending.Status, pending.TotalCount, pending.PendingCount));
    }

    [Fact]
    public void Lists_AreCopied_SoTheResourceStaysImmutable()
    {
        var roots = new List<string> { "/api1/" };
        var discovery = new TaxiiDiscovery { Title = "Liaison", ApiRoots = roots };

        roots.Add("/api2/");

        Assert.Equal(["/api1/"], discovery.ApiRoots);
    }

    [Theory]
    [InlineData(typeof(TaxiiDiscovery), """{"description":"no title"}""")]
    [InlineData(typeof(TaxiiDiscovery), """{"title":null}""")]
    [InlineData(typeof(TaxiiApiRoot), """{"title":"t","versions":["application/taxii+json;version=2.1"]}""")]
    [InlineData(typeof(TaxiiCollection), """{"id":"91a7b528-80eb-42ed-a74d-c6fbd5a26116","title":"t","can_write":false}""")]
    [InlineData(typeof(TaxiiCollection), """{"id":"not-a-guid","title":"t","can_read":true,"can_write":false}""")]
    [InlineData(typeof(TaxiiStatus), """{"id":"2d086da7-4bdc-4f91-900e-d77486753710","status":"complete","success_count":0,"failure_count":0,"pending_count":0}""")]
    [InlineData(typeof(TaxiiStatus), """{"id":"2d086da7-4bdc-4f91-900e-d77486753710","status":"done","total_count":0,"success_count":0,"failure_count":0,"pending_count":0}""")]
    [InlineData(typeof(TaxiiStatus), """{"id":"2d086da7-4bdc-4f91-900e-d77486753710","status":1,"total_count":0,"success_count":0,"failure_count":0,"pending_count":0}""")]
    [InlineData(typeof(TaxiiStatusDetails), """{"id":"indicator--c410e480-e42b-47d1-9476-85307c12bcbf"}""")]
    [InlineData(typeof(TaxiiManifestRecord), """{"id":"x","date_added":"2016-11-04T03:04:05.100000+01:00","version":"v"}""")]
    [InlineData(typeof(TaxiiManifestRecord), """{"id":"x","date_added":12345,"version":"v"}""")]
    [InlineData(typeof(TaxiiError), """{"title":"t","http_status":"conflict"}""")]
    [InlineData(typeof(TaxiiEnvelope), "null")]
    [InlineData(typeof(TaxiiEnvelope), "{\"objects\":")]
    public void Read_MissingOrMalformedProperty_ThrowsJsonException(Type resourceType, string json)
    {
        Assert.ThrowsAny<JsonException>(() => Deserialize(resourceType, json));
    }

    [Fact]
    public void Read_TimestampWithAnOffset_SaysTimestampsMustEndInZ()
    {
        var error = Assert.ThrowsAny<JsonException>(() => TaxiiJson.Deserialize<TaxiiManifestRecord>(
            """{"id":"x","date_added":"2016-11-04T03:04:05.100000+01:00","version":"v"}"""));

        Assert.Contains("'Z'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CustomProperties_AreIgnored()
    {
        var discovery = TaxiiJson.Deserialize<TaxiiDiscovery>("""{"title":"t","x_example_com_score":{"a":1}}""");

        Assert.Equal("t", discovery.Title);
    }

    private static object Deserialize(Type resourceType, string json) =>
        typeof(TaxiiJson).GetMethod(nameof(TaxiiJson.Deserialize), [typeof(string)])!
            .MakeGenericMethod(resourceType)
            .Invoke(null, System.Reflection.BindingFlags.DoNotWrapExceptions, null, [json], null) is { } result
            ? result
            : throw new InvalidOperationException("null result");

    private static void AssertSameJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\nactual {actual}");
}
