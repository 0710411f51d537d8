using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class ExtensionDefinitionTests
{
    [Fact]
    public void LiaisonIds_AreFixed()
    {
        Assert.Equal("extension-definition--c95bbe37-fe0f-42ff-9b16-40252caee667", LiaisonExtensions.IncidentExtensionId.ToString());
        Assert.Equal("extension-definition--732826cf-50f3-41fc-a22d-4fd92340d352", LiaisonExtensions.NewObjectTypesExtensionId.ToString());
        Assert.Equal("identity--ce66a4b6-71ee-4de7-a1f0-efd1f2e0c86f", LiaisonExtensions.VendorIdentityId.ToString());
    }

    [Fact]
    public void IncidentExtension_IsAPropertyExtensionByTheLiaisonProject()
    {
        var json = LiaisonExtensions.IncidentExtension.ToJson();

        Assert.Equal("extension-definition", (string?)json["type"]);
        Assert.Equal("identity--ce66a4b6-71ee-4de7-a1f0-efd1f2e0c86f", (string?)json["created_by_ref"]);
        Assert.Equal("1.0.0", (string?)json["version"]);
        Assert.Equal("property-extension", (string?)json["extension_types"]![0]);
        Assert.Contains("docs/protocol/incident-extension.schema.json", (string?)json["schema"], StringComparison.Ordinal);
        Assert.Equal("new-sdo", (string?)LiaisonExtensions.NewObjectTypes.ToJson()["extension_types"]![0]);
        Assert.Equal("Liaison project", LiaisonExtensions.VendorIdentity.Name);
        Assert.Equal("organization", LiaisonExtensions.VendorIdentity.IdentityClass);
    }

    [Fact]
    public void Definitions_AreDeterministic()
    {
        Assert.Equal(
            StixJson.ToJsonString(LiaisonExtensions.IncidentExtension.ToJson()),
            StixJson.ToJsonString(LiaisonExtensions.IncidentExtension.ToJson()));
    }

    [Fact]
    public void Definitions_RoundTrip()
    {
        StixTestJson.RoundTrip(LiaisonExtensions.IncidentExtension, ExtensionDefinition.FromJson);
        StixTestJson.RoundTrip(LiaisonExtensions.NewObjectTypes, ExtensionDefinition.FromJson);
        StixTestJson.RoundTrip(LiaisonExtensions.VendorIdentity, Identity.FromJson);
    }

    [Fact]
    public void ToplevelPropertyExtension_KeepsExtensionProperties()
    {
        var definition = LiaisonExtensions.IncidentExtension with
        {
            ExtensionTypes = ["toplevel-property-extension"],
            ExtensionProperties = ["x_liaison_sector"],
        };

        var copy = StixTestJson.RoundTrip(definition, ExtensionDefinition.FromJson);

        Assert.Equal(["x_liaison_sector"], copy.ExtensionProperties!);
    }

    [Fact]
    public void ToJson_UnknownExtensionType_Throws() =>
        Assert.Throws<InvalidOperationException>(() => (LiaisonExtensions.IncidentExtension with { ExtensionTypes = ["new-thing"] }).ToJson());

    [Theory]
    [InlineData("name", "name", null)]
    [InlineData("schema", "schema", null)]
    [InlineData("schema", "schema", "42")]
    [InlineData("version", "version", null)]
    [InlineData("extension_types", "extension_types", null)]
    [InlineData("extension_types", "extension_types", "[]")]
    [InlineData("extension_types[0]", "extension_types", "[\"new-thing\"]")]
    [InlineData("extension_properties", "extension_properties", "[\"x_foo\"]")]
    [InlineData("created_by_ref", "created_by_ref", null)]
    [InlineData("id", "id", "\"identity--c95bbe37-fe0f-42ff-9b16-40252caee667\"")]
    public void FromJson_InvalidProperty_ThrowsNamingTheProperty(string expected, string path, string? valueJson) =>
        StixTestJson.AssertRejected(LiaisonExtensions.IncidentExtension.ToJson(), expected, path, valueJson, ExtensionDefinition.FromJson);
}
