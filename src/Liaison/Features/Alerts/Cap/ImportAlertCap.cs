using System.Globalization;
using System.Security.Claims;
using Liaison.Http;
using Liaison.Live;
using Liaison.Protocol.Cap;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Features.Alerts.Cap;

/// <summary>
/// Raises an alert on this node from a CAP 1.2 document (another agency's warning, or a Liaison export). The
/// document is read safely (no DTD, no external entities, 4 MiB at most) and checked against CAP 1.2; its first
/// info block becomes the alert through <see cref="RaiseAlert"/>, so it is validated, addressed and shared exactly
/// like one raised at the desk, in one transaction. Every problem names the CAP element at fault.
/// </summary>
public static class ImportAlertCap
{
    private static readonly string[] XmlMediaTypes = ["application/xml", "text/xml", "application/cap+xml"];

    public static async Task<Results<Created<AlertView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpRequest request, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType is { } contentType && !XmlMediaTypes.Any(t => contentType.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not a CAP document",
                detail: $"Post the CAP 1.2 document as application/xml, not {contentType}.");
        }

        using var body = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (body.Length + read > CapReader.DefaultMaxBytes)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "CAP document too large",
                    detail: $"A CAP document may be at most {CapReader.DefaultMaxBytes} bytes.");
            }

            body.Write(chunk, 0, read);
        }

        body.Position = 0;
        return await ImportAsync(body, db, time, events, user, cancellationToken);
    }

    /// <summary>Imports a document already in hand; for the endpoint, the desk and the command line.</summary>
    public static async Task<Results<Created<AlertView>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        Stream document, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // Who may raise is decided before the document is even read.
        if (AlertAccess.Role(user, AlertAccess.Raisers) is { } refused)
        {
            return refused;
        }

        CapAlert cap;
        try
        {
            cap = CapReader.Read(document);
        }
        catch (CapFormatException e)
        {
            return new Validation().Add(e.Path ?? "document", e.Path is null ? e.Message : e.Message[(e.Path.Length + 2)..])
                .Problem("The CAP document is not valid CAP 1.2");
        }

        var validation = new Validation();
        var input = ToInput(cap, validation);
        if (input is null)
        {
            return validation.Problem("The CAP document cannot become an alert here");
        }

        var result = await RaiseAlert.HandleAsync(input, db, time, events, user, cancellationToken);
        return result.Result is ValidationProblem problem ? Renamed(problem) : result;
    }

    /// <summary>
    /// The alert a CAP message asks for, or null with the reasons named by CAP element. Only an actual
    /// <c>Alert</c> can be raised here: updates and cancellations are issued by whoever raised the alert.
    /// </summary>
    public static AlertInput? ToInput(CapAlert cap, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(cap);
        ArgumentNullException.ThrowIfNull(validation);
        validation.When(cap.Status != CapStatus.Actual, "alert/status", $"is {cap.Status}: only Actual messages raise an alert")
            .When(cap.MsgType != CapMsgType.Alert, "alert/msgType",
                $"is {cap.MsgType}: only Alert messages can be imported; updates, cancellations and acknowledgements belong to the alert on the node that raised it")
            .When(cap.Infos.Count == 0, "alert/info", "is required: the alert's event, urgency, severity and time come from the first info block");
        if (!validation.IsValid)
        {
            return null;
        }

        var info = cap.Infos[0];
        var precedence = info.EventCodes.FirstOrDefault(c => c.ValueName == AlertCap.PrecedenceCode) is { } code && Precedences.Parse(code.Value.Trim()) is { } exact
            ? exact
            : AlertCap.PrecedenceOf(info.Urgency, info.Severity);
        validation.When(info.Expires is null, "alert/info[1]/expires", "is required: a Liaison alert needs the time it stops applying");
        var area = info.Areas.FirstOrDefault(a => a.Polygons.Count > 0 || a.Circles.Count > 0);
        var sectors = info.Areas.SelectMany(a => a.Geocodes).Where(g => g.ValueName == AlertCap.SectorCode).Select(g => g.Value.Trim()).Distinct().ToList();
        var recipients = (cap.Addresses ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(a => StixId.TryParse(a, out var id) && id.Type == "identity").ToList();
        if (!validation.IsValid)
        {
            return null;
        }

        var description = string.Join("\n\n", new[] { info.Description, info.Instruction }.Where(t => !string.IsNullOrWhiteSpace(t)));
        return new AlertInput
        {
            Precedence = Precedences.Name(precedence),
            Title = string.IsNullOrWhiteSpace(info.Headline) ? info.Event : info.Headline,
            Description = description.Length == 0 ? null : description,
            Area = area is null ? null : AlertCap.AreaJsonOf(area),
            SectorCodes = sectors,
            ValidFrom = (info.Effective ?? info.Onset ?? cap.Sent).ToString("O", CultureInfo.InvariantCulture),
            ValidUntil = info.Expires!.Value.ToString("O", CultureInfo.InvariantCulture),
            Tlp = TlpOf(cap),
            Recipients = recipients,
        };
    }

    /// <summary>The TLP label at the start of the restriction (as Liaison writes it); Public is TLP:CLEAR; otherwise TLP:AMBER.</summary>
    private static string TlpOf(CapAlert cap)
    {
        var first = cap.Restriction?.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.TrimEnd(':', ';', '.');
        if (Tlp.TryFromName(first, out var level))
        {
            return Tlp.NameOf(level)[4..].ToLowerInvariant().Replace('+', '-');
        }

        return cap.Scope == CapScope.Public ? "clear" : "amber";
    }

    // The raise use case names its JSON fields; a CAP client needs the CAP elements they came from.
    private static ValidationProblem Renamed(ValidationProblem problem)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, messages) in problem.ProblemDetails.Errors)
        {
            var element = ElementOf(field);
            errors[element] = errors.TryGetValue(element, out var earlier) ? [.. earlier, .. messages] : messages;
        }

        return TypedResults.ValidationProblem(errors, title: "The CAP document cannot become an alert here");
    }

    private static string ElementOf(string field) => field switch
    {
        "precedence" => "alert/info[1]/urgency",
        "title" => "alert/info[1]/headline",
        "description" => "alert/info[1]/description",
        "validFrom" => "alert/info[1]/effective",
        "validUntil" => "alert/info[1]/expires",
        "tlp" => "alert/restriction",
        _ when field.StartsWith("recipients", StringComparison.Ordinal) => "alert/addresses",
        _ when field.StartsWith("sectorCodes", StringComparison.Ordinal) => "alert/info[1]/area/geocode",
        _ when field.StartsWith("area", StringComparison.Ordinal) => "alert/info[1]/area",
        _ => field,
    };
}
