using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

/// <summary>FsCheck generators for valid incidents carrying the Liaison extension.</summary>
public static class IncidentGenerators
{
    private static readonly string[] Fragments =
    [
        "a", "Z", "7", " ", "é", "ش", "€", "😀", "\"", "\\", "/", "\n", "\u0000", "\u2028", "<b>", "&", "'",
    ];

    private static readonly long MinTicks = new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly long MaxTicks = new DateTime(2090, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    public static Arbitrary<Incident> Incidents() => IncidentGen().ToArbitrary();

    public static Gen<Incident> IncidentGen() =>
        from created in Time()
        from modifiedDelta in Gen.Choose(0, int.MaxValue)
        from name in Text(1)
        from description in OptionalText()
        from phases in Optional(NonEmptyList(from c in Text(1) from p in Text(1) select new KillChainPhase { KillChainName = c, PhaseName = p }))
        from confidence in OptionalValue(Gen.Choose(0, 100))
        from lang in Optional(Gen.Elements("en", "ar", "ku", "fa"))
        from markings in Optional(NonEmptyList(Gen.Elements(Enum.GetValues<TlpLevel>()).Select(Tlp.IdOf)))
        from revoked in Gen.Elements(true, false)
        from unknownExtension in Optional(Text(0).Select(text => new JsonObject { ["extension_type"] = "property-extension", ["note"] = text }))
        from extension in Extension()
        select new Incident
        {
            Id = StixId.NewRandom(Incident.TypeName),
            Created = created,
            Modified = created.AddTicks(modifiedDelta * 1000L),
            CreatedByRef = StixId.NewRandom(Identity.TypeName),
            Name = name,
            Description = description,
            KillChainPhases = phases,
            Confidence = confidence,
            Lang = lang,
            ObjectMarkingRefs = markings,
            Revoked = revoked,
            Extensions = unknownExtension is null
                ? null
                : new Dictionary<string, JsonObject> { [StixId.NewRandom(ExtensionDefinition.TypeName).ToString()] = unknownExtension },
            Liaison = extension,
        };

    private static Gen<LiaisonIncidentExtension> Extension() =>
        from occurred in Occurrence()
        from category in Gen.Elements(Enum.GetValues<IncidentCategory>())
        from placeName in OptionalText()
        from sectorCode in OptionalText()
        from point in OptionalValue(Gen.Zip(Coordinate(90), Coordinate(180)))
        from locationRef in OptionalValue(Gen.Constant(0).Select(_ => StixId.NewRandom(Location.TypeName)))
        from casualties in Casualties()
        from perpetrators in OptionalText()
        from targets in OptionalText()
        from sources in Optional(NonEmptyList(Source()))
        from reliability in OptionalValue(Gen.Elements(Enum.GetValues<SourceReliability>()))
        from credibility in OptionalValue(Gen.Choose(1, 6))
        from status in Gen.Elements(Enum.GetValues<IncidentStatus>())
        from reason in Text(1)
        from version in Gen.Choose(1, int.MaxValue)
        select new LiaisonIncidentExtension
        {
            Occurred = occurred,
            Category = category,
            PlaceName = placeName,
            SectorCode = sectorCode,
            Latitude = point?.Item1,
            Longitude = point?.Item2,
            LocationRef = locationRef,
            Casualties = casualties,
            PerpetratorsText = perpetrators,
            TargetsText = targets,
            Sources = sources,
            Reliability = reliability,
            Credibility = credibility,
            Status = status,
            RetractionReason = status == IncidentStatus.Retracted ? reason : null,
            VersionNumber = version,
        };

    private static Gen<IncidentOccurrence> Occurrence() =>
        from start in Time()
        from precision in Gen.Elements(Enum.GetValues<OccurrencePrecision>())
        from hasEnd in Gen.Elements(true, false)
        from length in Gen.Choose(0, int.MaxValue)
        select new IncidentOccurrence
        {
            Start = start,
            End = precision == OccurrencePrecision.Range || hasEnd ? start.AddTicks(length * 10_000L) : null,
            Precision = precision,
        };

    // Normalised as the JSON form is: an empty group or an empty casualties object is written as absence.
    private static Gen<IncidentCasualties?> Casualties()
    {
        var count = Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, 20).Select(i => (int?)i), Gen.Choose(0, LiaisonIncidentExtension.MaxCasualties).Select(i => (int?)i));
        var groupGen = Gen.OneOf(
            Gen.Constant<CasualtyCount?>(null),
            Gen.Zip(count, count).Where(p => p.Item1 is not null || p.Item2 is not null).Select(p => (CasualtyCount?)new CasualtyCount { Killed = p.Item1, Injured = p.Item2 }));
        var casualties =
            from security in groupGen
            from civilians in groupGen
            from militants in groupGen
            from unknown in groupGen
            select new IncidentCasualties { SecurityForces = security, Civilians = civilians, Militants = militants, Unknown = unknown };
        return Gen.OneOf(
            Gen.Constant<IncidentCasualties?>(null),
            casualties.Where(c => c.SecurityForces is not null || c.Civilians is not null || c.Militants is not null || c.Unknown is not null).Select(c => (IncidentCasualties?)c));
    }

    private static Gen<IncidentSource> Source() =>
        from name in Text(1)
        from url in Optional(Gen.Elements("https://news.example/a", "https://radio.example/report?id=1&x=2", "http://example.org/ü"))
        from published in OptionalValue(Time())
        select new IncidentSource { Name = name, Url = url, Published = published };

    private static Gen<double> Coordinate(int limit) =>
        Gen.OneOf(
            Gen.Elements((double)-limit, limit, 0.0, -0.0),
            Gen.Choose(-limit * 1_000_000, limit * 1_000_000).Select(i => i / 1_000_000.0),
            Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(0, int.MaxValue))
                .Select(p => limit * (((long)p.Item1 << 31) | (uint)p.Item2) / (double)(1L << 62)));

    private static Gen<DateTimeOffset> Time() =>
        Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(0, int.MaxValue))
            .Select(p => new DateTimeOffset(MinTicks + (long)(((((ulong)p.Item1 << 31) | (uint)p.Item2) % (ulong)(MaxTicks - MinTicks))), TimeSpan.Zero));

    private static Gen<string> Text(int minimumParts) =>
        Gen.ListOf(Gen.Elements(Fragments)).Where(parts => parts.Count >= minimumParts).Select(parts => string.Concat(parts));

    private static Gen<string?> OptionalText() => Optional(Text(0));

    private static Gen<IReadOnlyList<T>> NonEmptyList<T>(Gen<T> item) =>
        Gen.NonEmptyListOf(item).Select(items => (IReadOnlyList<T>)[.. items]);

    private static Gen<T?> Optional<T>(Gen<T> value)
        where T : class => Gen.OneOf(Gen.Constant<T?>(null), value.Select(v => (T?)v));

    private static Gen<T?> OptionalValue<T>(Gen<T> value)
        where T : struct => Gen.OneOf(Gen.Constant<T?>(null), value.Select(v => (T?)v));
}
