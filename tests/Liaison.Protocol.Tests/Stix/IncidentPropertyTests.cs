using System.Text.Json;
using FsCheck.Xunit;
using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

[Properties(Arbitrary = [typeof(IncidentGenerators)], MaxTest = 300)]
public class IncidentPropertyTests
{
    [Property]
    public bool Incident_RoundTripsLosslessly(Incident original)
    {
        var text = StixJson.ToJsonString(original.ToJson());
        using var document = JsonDocument.Parse(text);
        var copy = Incident.FromJson(document.RootElement);

        var a = original.Liaison!;
        var b = copy.Liaison!;
        return text == StixJson.ToJsonString(copy.ToJson())
            && copy.Id == original.Id
            && copy.Created == original.Created
            && copy.Modified == original.Modified
            && copy.Name == original.Name
            && copy.Revoked == original.Revoked
            && (a with { Sources = null }) == (b with { Sources = null })
            && (a.Sources ?? []).SequenceEqual(b.Sources ?? [])
            && (original.Extensions?.Count ?? 0) == (copy.Extensions?.Count ?? 0);
    }

    [Property]
    public bool Incident_RoundTripsThroughABundle(Incident original)
    {
        var bundle = StixBundle.Create(original, LiaisonExtensions.IncidentExtension);
        var parsed = StixBundleReader.Read(StixJson.ToJsonString(bundle.ToJson()));

        var copy = parsed.OfType<Incident>().Single();
        return StixJson.ToJsonString(copy.ToJson()) == StixJson.ToJsonString(original.ToJson());
    }
}
