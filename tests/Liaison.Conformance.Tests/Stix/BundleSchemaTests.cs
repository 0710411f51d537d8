using Liaison.Protocol.Stix;

namespace Liaison.Conformance.Tests.Stix;

[Trait("Category", "Conformance")]
public class BundleSchemaTests
{
    [Fact]
    public void BundleOfIdentities_ValidatesAgainstOasisBundleSchema()
    {
        var bundle = StixBundle.Create(IdentitySchemaTests.OrganizationParty(), IdentitySchemaTests.IndividualWithContact());

        var errors = StixSchemas.Instance.Validate("common/bundle.json", bundle.ToJson());

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void SchemaCheck_IsNotVacuous_RejectsABundleWithAnInvalidIdentity()
    {
        var json = StixBundle.Create(IdentitySchemaTests.OrganizationParty()).ToJson();
        json["objects"]![0]!["spec_version"] = "9.9";

        var errors = StixSchemas.Instance.Validate("common/bundle.json", json);

        Assert.NotEmpty(errors);
    }
}
