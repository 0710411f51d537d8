using System.Text.Json;
using Liaison.Protocol.Stix;

namespace Liaison.Conformance.Tests.Stix;

[Trait("Category", "Conformance")]
public class ExampleFilesTests
{
    public static TheoryData<string> ExampleFiles() => [.. ExampleFileNames()];

    [Fact]
    public void ExamplesFolder_HoldsExamplesWithIdentities()
    {
        // Without this, an emptied folder would make the theory below pass by running nothing.
        var files = ExampleFileNames();

        Assert.NotEmpty(files);
        Assert.Contains(files, file => IdentitiesIn(Read(file)).Any());
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void ExampleFile_ParsesAndItsIdentitiesRoundTrip(string file)
    {
        using var document = Read(file);

        foreach (var element in IdentitiesIn(document))
        {
            var identity = Identity.FromJson(element);
            using var written = JsonDocument.Parse(StixJson.ToJsonString(identity.ToJson()));

            Assert.True(
                JsonElement.DeepEquals(element, written.RootElement),
                $"{file}: {identity.Id} changed in the round trip:\n{element}\n{written.RootElement}");
        }
    }

    private static List<string> ExampleFileNames()
    {
        var folder = StandardsFolder.Get("stix2.1", "examples");
        return [.. Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }

    private static JsonDocument Read(string file) =>
        JsonDocument.Parse(File.ReadAllText(StandardsFolder.Get("stix2.1", "examples", file)));

    private static IEnumerable<JsonElement> IdentitiesIn(JsonDocument document) =>
        document.RootElement.TryGetProperty("objects", out var objects)
            ? objects.EnumerateArray().Where(o => o.TryGetProperty("type", out var type) && type.GetString() == Identity.TypeName)
            : [];
}
