using Liaison.Protocol.Stix;

namespace Liaison.Conformance.Tests.Stix;

[Trait("Category", "Conformance")]
public class IdentitySchemaTests
{
    private static readonly DateTimeOffset Created = new(2025, 3, 1, 10, 0, 0, 123, TimeSpan.Zero);

    internal static Identity OrganizationParty() => new()
    {
        Id = StixId.NewRandom(Identity.TypeName),
        Created = Created,
        Modified = Created.AddHours(1),
        Name = "County Fire Service",
        Description = "Fire and rescue service of the county.",
        IdentityClass = "organization",
        Sectors = ["emergency-services", "government-local"],
        Roles = ["responder"],
        Labels = ["partner"],
        ObjectMarkingRefs = [StixId.Parse("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb")],
        ExternalReferences = [new ExternalReference { SourceName = "charity-register", ExternalId = "FS-42", Url = "https://example.org/fs-42" }],
    };

    internal static Identity IndividualWithContact() => new()
    {
        Id = StixId.NewRandom(Identity.TypeName),
        Created = Created,
        Modified = Created,
        CreatedByRef = OrganizationParty().Id,
        Name = "Duty officer",
        IdentityClass = "individual",
        ContactInformation = "duty-officer@fire.example, +44 20 7946 0000",
        Confidence = 80,
        Lang = "en",
    };

    [Fact]
    public void OrganizationParty_ValidatesAgainstOasisIdentitySchema()
    {
        var errors = StixSchemas.Instance.Validate("sdos/identity.json", OrganizationParty().ToJson());

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void IndividualWithContactInformation_ValidatesAgainstOasisIdentitySchema()
    {
        var errors = StixSchemas.Instance.Validate("sdos/identity.json", IndividualWithContact().ToJson());

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Theory]
    [InlineData("name", null)]
    [InlineData("spec_version", null)]
    [InlineData("created", "2025-03-01T10:00:00Z")]
    [InlineData("created_by_ref", "identity--not-a-uuid")]
    public void SchemaCheck_IsNotVacuous_RejectsABrokenIdentity(string property, string? value)
    {
        // Guards the harness: the last three rules live only in ../common/core.json,
        // ../common/timestamp.json and ../common/identifier.json, so they fail only if $refs resolve.
        var json = OrganizationParty().ToJson();
        json.Remove(property);
        if (value is not null)
        {
            json[property] = value;
        }

        var errors = StixSchemas.Instance.Validate("sdos/identity.json", json);

        Assert.NotEmpty(errors);
    }
}
