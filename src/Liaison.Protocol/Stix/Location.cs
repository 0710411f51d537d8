using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// The STIX 2.1 <c>location</c> SDO (§4.10): a region, a civic address, or a point. At least one of
/// <see cref="Region"/>, <see cref="Country"/> or <see cref="Latitude"/>+<see cref="Longitude"/> is required;
/// latitude and longitude go together, and <see cref="Precision"/> needs them.
/// </summary>
public sealed record Location : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "location";

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary>A name for the location.</summary>
    public string? Name { get; init; }

    /// <summary>A description.</summary>
    public string? Description { get; init; }

    /// <summary>Latitude in decimal degrees (WGS 84), −90 to 90.</summary>
    public double? Latitude { get; init; }

    /// <summary>Longitude in decimal degrees (WGS 84), −180 to 180.</summary>
    public double? Longitude { get; init; }

    /// <summary>The precision of the coordinates in metres (a radius).</summary>
    public double? Precision { get; init; }

    /// <summary>A region from region-ov (§10.21), such as <c>western-asia</c>.</summary>
    public string? Region { get; init; }

    /// <summary>An ISO 3166-1 alpha-2 country code, such as <c>IQ</c>.</summary>
    public string? Country { get; init; }

    /// <summary>A state, province or other sub-national area.</summary>
    public string? AdministrativeArea { get; init; }

    /// <summary>A city.</summary>
    public string? City { get; init; }

    /// <summary>A street address.</summary>
    public string? StreetAddress { get; init; }

    /// <summary>A postal code.</summary>
    public string? PostalCode { get; init; }

    /// <summary>Reads a location from its STIX 2.1 JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "location"</c>.</param>
    /// <exception cref="StixFormatException">The object breaks STIX 2.1 §4.10; the message names the property.</exception>
    public static Location FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        var location = new Location
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            Name = reader.OptionalString("name"),
            Description = reader.OptionalString("description"),
            Latitude = reader.OptionalNumber("latitude", -90, 90),
            Longitude = reader.OptionalNumber("longitude", -180, 180),
            Precision = reader.OptionalNumber("precision", 0, double.MaxValue),
            Region = reader.OptionalString("region"),
            Country = reader.OptionalString("country"),
            AdministrativeArea = reader.OptionalString("administrative_area"),
            City = reader.OptionalString("city"),
            StreetAddress = reader.OptionalString("street_address"),
            PostalCode = reader.OptionalString("postal_code"),
        };
        if (location.Problem() is { } problem)
        {
            throw reader.Error(problem.Property, problem.Message);
        }

        return WithCommonProperties(location, reader);
    }

    /// <inheritdoc/>
    protected override void WriteProperties(JsonObject json)
    {
        if (Problem() is { } problem)
        {
            throw new InvalidOperationException($"{Id}: {problem.Property}: {problem.Message}");
        }

        json.SetOptional("name", Name);
        json.SetOptional("description", Description);
        if (Latitude is { } latitude && Longitude is { } longitude)
        {
            json["latitude"] = latitude;
            json["longitude"] = longitude;
        }

        if (Precision is { } precision)
        {
            json["precision"] = precision;
        }

        json.SetOptional("region", Region);
        json.SetOptional("country", Country);
        json.SetOptional("administrative_area", AdministrativeArea);
        json.SetOptional("city", City);
        json.SetOptional("street_address", StreetAddress);
        json.SetOptional("postal_code", PostalCode);
    }

    // STIX 2.1 §4.10 and the OASIS location schema.
    private (string Property, string Message)? Problem()
    {
        if (Latitude is < -90 or > 90 or double.NaN)
        {
            return ("latitude", $"must be between -90 and 90, not {Latitude}.");
        }

        if (Longitude is < -180 or > 180 or double.NaN)
        {
            return ("longitude", $"must be between -180 and 180, not {Longitude}.");
        }

        if ((Latitude is null) != (Longitude is null))
        {
            return (Latitude is null ? "latitude" : "longitude", "latitude and longitude must be given together (§4.10).");
        }

        if (Precision is not null && Latitude is null)
        {
            return ("precision", "needs latitude and longitude (§4.10).");
        }

        if (Precision is < 0 or double.NaN)
        {
            return ("precision", $"must not be negative, not {Precision}.");
        }

        return Region is null && Country is null && Latitude is null
            ? ("region", "a location needs at least one of region, country, or latitude and longitude (§4.10).")
            : null;
    }
}
