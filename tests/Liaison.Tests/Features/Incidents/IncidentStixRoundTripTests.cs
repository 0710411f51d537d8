using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Liaison.Features.Incidents;
using Liaison.Protocol.Stix;

namespace Liaison.Tests.Features.Incidents;

/// <summary>Record → STIX → record is lossless for every valid record (recipients are local, not shared).</summary>
[Properties(Arbitrary = [typeof(IncidentSnapshots)], MaxTest = 200)]
public sealed class IncidentStixRoundTripTests
{
    [Property]
    public bool Snapshot_RoundTripsThroughAStixBundle(IncidentStix.Snapshot original)
    {
        var bundle = StixBundle.Create(IncidentStix.ToStix(original));
        var parsed = StixBundleReader.Read(StixJson.ToJsonString(bundle.ToJson()));
        var copy = IncidentStix.FromStix(parsed.Objects, original.Id);
        return JsonSerializer.Serialize(copy, IncidentContent.Json) == JsonSerializer.Serialize(original, IncidentContent.Json);
    }
}

public static class IncidentSnapshots
{
    private static readonly DateTime Epoch = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static Arbitrary<IncidentStix.Snapshot> Snapshots() =>
        (from created in Instant()
         from status in Gen.Elements(IncidentStatus.Published, IncidentStatus.Retracted)
         from version in Gen.Choose(1, 50)
         from reason in Text()
         from content in Content()
         select new IncidentStix.Snapshot(
             StixId.NewRandom("incident").ToString(), StixId.NewRandom("identity").ToString(), created, created.AddMinutes(version), status, version,
             status == IncidentStatus.Retracted ? reason ?? "retracted" : null, content)).ToArbitrary();

    private static Gen<IncidentContent> Content() =>
        from title in Text().Select(t => t ?? "untitled")
        from description in Text()
        from start in Instant()
        from precision in Gen.Elements(Enum.GetValues<OccurrencePrecision>())
        from span in Gen.Choose(0, 100_000)
        from point in Gen.Elements(true, false)
        from lat in Gen.Choose(-90_000, 90_000).Select(v => v / 1000.0)
        from lon in Gen.Choose(-180_000, 180_000).Select(v => v / 1000.0)
        from place in Text()
        from sector in Gen.Elements<string?>(null, "RSK", "TFT-MJV")
        from category in Gen.Elements(Enum.GetValues<IncidentCategory>())
        from killed in Gen.Elements<int?>(null, 0, 3, 11)
        from injured in Gen.Elements<int?>(null, 0, 7)
        from perpetrators in Text()
        from groups in Gen.Elements(0, 1, 2).Select(n => n == 0 ? null : Enumerable.Range(0, n).Select(_ => StixId.NewRandom("intrusion-set").ToString()).ToList())
        from sources in Gen.Choose(0, 2)
        from reliability in Gen.Elements<SourceReliability?>(null, SourceReliability.A, SourceReliability.F)
        from credibility in Gen.Elements<int?>(null, 1, 6)
        from tlp in Gen.Elements(Enum.GetValues<TlpLevel>())
        select new IncidentContent
        {
            Title = title,
            Description = description,
            Occurred = new Occurrence(start, precision == OccurrencePrecision.Range ? start.AddMinutes(span) : null, precision),
            Location = point ? new Place(lat, lon, place, sector) : new Place(null, null, place, sector),
            Category = category,
            Casualties = killed is null && injured is null ? new Casualties() : new Casualties(Civilians: new Count(killed, injured)),
            Perpetrators = new Actors(perpetrators, groups),
            Targets = new Actors(null, null),
            Sources = [.. Enumerable.Range(0, sources).Select(i => new Source($"source {i}", i == 0 ? "https://example.org/a" : null, i == 1 ? start : null))],
            Reliability = reliability,
            Credibility = credibility,
            Tlp = tlp,
        };

    private static Gen<DateTime> Instant() => Gen.Choose(0, 200_000_000).Select(s => Epoch.AddSeconds(s).AddTicks(s % 7 * 10_000));

    private static Gen<string?> Text() => Gen.Elements<string?>(null, "Rask", "راسک", "a \"quoted\" name, with comma", "line\nbreak");
}
