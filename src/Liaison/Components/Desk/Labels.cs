using Liaison.Features.Incidents;
using Liaison.Features.Officers;
using Liaison.Features.Sectors;
using Liaison.Protocol.Stix;
using Microsoft.Extensions.Localization;

namespace Liaison.Components.Desk;

/// <summary>Names of the domain's enumerations in the reader's language, keyed by their API (wire) names.</summary>
public static class Labels
{
    public static string Category(this IStringLocalizer l, IncidentCategory value) => Named(l, "Category.", IncidentValidation.WireName(value));

    public static string Status(this IStringLocalizer l, IncidentStatus value) => Named(l, "Status.", IncidentValidation.WireName(value));

    public static string Status(this IStringLocalizer l, string wireName) => Named(l, "Status.", wireName);

    public static string Precision(this IStringLocalizer l, OccurrencePrecision value) => Named(l, "Precision.", IncidentValidation.WireName(value));

    public static string Reliability(this IStringLocalizer l, SourceReliability value) => Named(l, "Reliability.", value.ToString());

    public static string Credibility(this IStringLocalizer l, int value) => Named(l, "Credibility.", value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string DutyRole(this IStringLocalizer l, DutyRole value) => Named(l, "DutyRole.", DutyRoles.Name(value));

    public static string DutyRole(this IStringLocalizer l, string wireName) => Named(l, "DutyRole.", wireName);

    public static string PostKind(this IStringLocalizer l, PostKind value) => Named(l, "PostKind.", PostKinds.Name(value));

    public static string PostKind(this IStringLocalizer l, string wireName) => Named(l, "PostKind.", wireName);

    public static string ContactKind(this IStringLocalizer l, string wireName) => Named(l, "ContactKind.", wireName);

    public static string Role(this IStringLocalizer l, string role) => Named(l, "Role.", role);

    /// <summary>TLP labels are written the same in every language (FIRST TLP 2.0 §"Usage").</summary>
    public static string Tlp(TlpLevel value) => value switch
    {
        TlpLevel.AmberStrict => "TLP:AMBER+STRICT",
        _ => "TLP:" + value.ToString().ToUpperInvariant(),
    };

    public static string Tlp(string wireName) => "TLP:" + wireName.Replace("amber-strict", "amber+strict", StringComparison.Ordinal).ToUpperInvariant();

    // A value added later without a translation still shows, by its API name.
    private static string Named(IStringLocalizer l, string prefix, string name) =>
        l[prefix + name] is { ResourceNotFound: false } found ? found.Value : name;
}
