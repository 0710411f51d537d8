namespace Liaison.Protocol.Cap;

/// <summary>
/// The CAP 1.2 rules that the XSD cannot express (§3.2): identifier and sender characters, restriction and
/// addresses by scope, ceiling only with altitude, absolute URIs. The reader applies them after parsing; the writer
/// before writing, so it never emits a document another CAP system would reject.
/// </summary>
public static class CapRules
{
    private static readonly System.Buffers.SearchValues<char> ForbiddenInIds = System.Buffers.SearchValues.Create(" \t\r\n,<&");

    /// <summary>Throws when the alert breaks a CAP 1.2 rule.</summary>
    /// <param name="alert">The alert.</param>
    /// <exception cref="CapFormatException">The first rule broken, naming the element.</exception>
    public static void Validate(CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        RequireId("alert/identifier", alert.Identifier);
        RequireId("alert/sender", alert.Sender);
        if (alert.Scope == CapScope.Restricted && string.IsNullOrWhiteSpace(alert.Restriction))
        {
            throw new CapFormatException("alert/restriction", "is required when scope is Restricted (CAP 1.2 §3.2.1).");
        }

        if (alert.Scope == CapScope.Private && string.IsNullOrWhiteSpace(alert.Addresses))
        {
            throw new CapFormatException("alert/addresses", "is required when scope is Private (CAP 1.2 §3.2.1).");
        }

        foreach (var reference in alert.References)
        {
            RequireId("alert/references", reference.Sender);
            RequireId("alert/references", reference.Identifier);
        }

        foreach (var incident in alert.Incidents)
        {
            if (string.IsNullOrWhiteSpace(incident) || incident.Any(char.IsWhiteSpace))
            {
                throw new CapFormatException("alert/incidents", $"'{incident}' is not an incident identifier (no spaces).");
            }
        }

        for (var i = 0; i < alert.Infos.Count; i++)
        {
            ValidateInfo($"alert/info[{i + 1}]", alert.Infos[i]);
        }
    }

    private static void ValidateInfo(string path, CapInfo info)
    {
        if (info.Categories.Count == 0)
        {
            throw new CapFormatException($"{path}/category", "at least one category is required.");
        }

        RequireText($"{path}/event", info.Event);
        // An empty <web/> is schema-valid (xs:anyURI) and found in real IPAWS alerts: it says nothing, so it passes.
        if (info.Web is { } web && !string.IsNullOrWhiteSpace(web) && !Uri.TryCreate(web.Trim(), UriKind.Absolute, out _))
        {
            throw new CapFormatException($"{path}/web", $"'{web}' is not an absolute URI (CAP 1.2 §3.2.2).");
        }

        Pairs($"{path}/eventCode", info.EventCodes);
        Pairs($"{path}/parameter", info.Parameters);
        for (var i = 0; i < info.Resources.Count; i++)
        {
            var resource = info.Resources[i];
            var at = $"{path}/resource[{i + 1}]";
            RequireText($"{at}/resourceDesc", resource.ResourceDesc);
            RequireText($"{at}/mimeType", resource.MimeType);
            if (resource.Size < 0)
            {
                throw new CapFormatException($"{at}/size", "must not be negative.");
            }
        }

        for (var i = 0; i < info.Areas.Count; i++)
        {
            var area = info.Areas[i];
            var at = $"{path}/area[{i + 1}]";
            RequireText($"{at}/areaDesc", area.AreaDesc);
            Pairs($"{at}/geocode", area.Geocodes);
            if (area.Ceiling is not null && area.Altitude is null)
            {
                throw new CapFormatException($"{at}/ceiling", "must not be used without altitude (CAP 1.2 §3.2.4).");
            }
        }
    }

    private static void Pairs(string path, IReadOnlyList<CapValuePair> pairs)
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i].ValueName is null || pairs[i].Value is null)
            {
                throw new CapFormatException($"{path}[{i + 1}]", "needs both valueName and value.");
            }
        }
    }

    private static void RequireId(string path, string value)
    {
        RequireText(path, value);
        if (value.AsSpan().ContainsAny(ForbiddenInIds))
        {
            throw new CapFormatException(path, $"'{value}' must not contain spaces, commas, '<' or '&' (CAP 1.2 §3.2.1).");
        }
    }

    private static void RequireText(string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new CapFormatException(path, "must not be empty.");
        }
    }
}
