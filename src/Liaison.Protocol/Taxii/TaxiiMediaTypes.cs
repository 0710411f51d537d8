namespace Liaison.Protocol.Taxii;

/// <summary>
/// The TAXII 2.1 and STIX 2.1 media types and content negotiation on them (TAXII 2.1 §1.6.8, §3.1).
/// </summary>
public static class TaxiiMediaTypes
{
    /// <summary>The TAXII 2.1 media type, for every TAXII request and response body (TAXII 2.1 §1.6.8.2).</summary>
    public const string Taxii21 = "application/taxii+json;version=2.1";

    /// <summary>The STIX 2.1 media type, as listed in a collection's <c>media_types</c> (TAXII 2.1 §5.2.1).</summary>
    public const string Stix21 = "application/stix+json;version=2.1";

    private const string Utf8 = "utf-8";

    /// <summary>
    /// Decides whether an <c>Accept</c> header value admits <paramref name="offered"/>, following RFC 9110 §12.5.1.
    /// </summary>
    /// <remarks>
    /// A range without <c>version</c> means the latest version the server supports (TAXII 2.1 §1.6.8.2), which is 2.1;
    /// <c>application/*</c> and <c>*/*</c> match; the most specific matching range decides, and <c>q=0</c> excludes.
    /// Elements that cannot be parsed are skipped. An absent or empty header admits anything (RFC 9110 §12.5.1), even
    /// though TAXII 2.1 §3.1 asks clients to send one.
    /// </remarks>
    /// <param name="accept">The <c>Accept</c> header value; several header lines may be joined with commas.</param>
    /// <param name="offered">What the endpoint would answer with: <see cref="Taxii21"/> (the default) or <see cref="Stix21"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="offered"/> is not a concrete media type.</exception>
    public static TaxiiMediaTypeCheck CheckAccept(string? accept, string offered = Taxii21)
    {
        if (!MediaTypeSyntax.TryParse(offered, allowWeight: false, out var offer) || offer.Type == "*" || offer.Subtype == "*")
        {
            throw new ArgumentException($"'{offered}' is not a concrete media type.", nameof(offered));
        }

        if (string.IsNullOrWhiteSpace(accept))
        {
            return TaxiiMediaTypeCheck.Acceptable;
        }

        var bestSpecificity = -1;
        var bestWeight = 0;
        var anyParsed = false;
        foreach (var element in MediaTypeSyntax.SplitOutsideQuotes(accept, ','))
        {
            if (!MediaTypeSyntax.TryParse(element, allowWeight: true, out var range))
            {
                continue;
            }

            anyParsed = true;
            var specificity = Specificity(range, offer);
            if (specificity > bestSpecificity)
            {
                bestSpecificity = specificity;
                bestWeight = range.Weight;
            }
            else if (specificity == bestSpecificity)
            {
                bestWeight = Math.Max(bestWeight, range.Weight);
            }
        }

        if (bestSpecificity < 0)
        {
            return TaxiiMediaTypeCheck.Refused(anyParsed
                ? $"The Accept header does not admit {offered} (TAXII 2.1 §1.6.8)."
                : "The Accept header is not a list of media ranges (RFC 9110 §12.5.1).");
        }

        return bestWeight > 0
            ? TaxiiMediaTypeCheck.Acceptable
            : TaxiiMediaTypeCheck.Refused($"The Accept header excludes {offered} with q=0 (RFC 9110 §12.4.2).");
    }

    /// <summary>
    /// Checks the <c>Content-Type</c> of a POST to the Add Objects endpoint, which must be
    /// <c>application/taxii+json;version=2.1</c> (TAXII 2.1 §5.5).
    /// </summary>
    /// <remarks>
    /// Type, subtype and parameter names are compared without regard to case, whitespace around <c>;</c> is allowed,
    /// and the version may be a quoted string (RFC 9110 §8.3.1, §5.6.6). A <c>charset</c> other than UTF-8 is refused
    /// because TAXII bodies are UTF-8 JSON (TAXII 2.1 §1.6.7); other parameters are ignored.
    /// </remarks>
    /// <param name="contentType">The <c>Content-Type</c> header value.</param>
    public static TaxiiMediaTypeCheck CheckContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return TaxiiMediaTypeCheck.Refused($"The Content-Type header is missing; send {Taxii21} (TAXII 2.1 §5.5).");
        }

        if (!MediaTypeSyntax.TryParse(contentType, allowWeight: false, out var mediaType))
        {
            return TaxiiMediaTypeCheck.Refused($"The Content-Type header is not a media type; send {Taxii21} (RFC 9110 §8.3).");
        }

        if (!string.Equals(mediaType.Type, "application", StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(mediaType.Subtype, "taxii+json", StringComparison.OrdinalIgnoreCase))
        {
            return TaxiiMediaTypeCheck.Refused($"Content-Type {mediaType.Type}/{mediaType.Subtype} is not supported; send {Taxii21} (TAXII 2.1 §5.5).");
        }

        var version = mediaType.GetParameter("version");
        if (version is null)
        {
            return TaxiiMediaTypeCheck.Refused($"The Content-Type needs the version parameter; send {Taxii21} (TAXII 2.1 §5.5).");
        }

        if (version != "2.1")
        {
            return TaxiiMediaTypeCheck.Refused($"TAXII version {version} is not supported; send {Taxii21} (TAXII 2.1 §1.6.8.2).");
        }

        var charset = mediaType.GetParameter("charset");
        if (charset is not null && !string.Equals(charset, Utf8, StringComparison.OrdinalIgnoreCase))
        {
            return TaxiiMediaTypeCheck.Refused($"Charset {charset} is not supported; TAXII bodies are UTF-8 JSON (TAXII 2.1 §1.6.7).");
        }

        return TaxiiMediaTypeCheck.Acceptable;
    }

    // RFC 9110 §12.5.1: a more specific range overrides a less specific one. -1 means no match.
    private static int Specificity(MediaTypeSyntax.MediaType range, MediaTypeSyntax.MediaType offer)
    {
        if (range.Type == "*")
        {
            return range.Subtype == "*" ? 0 : -1;
        }

        if (!string.Equals(range.Type, offer.Type, StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        if (range.Subtype == "*")
        {
            return 1;
        }

        if (!string.Equals(range.Subtype, offer.Subtype, StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        // TAXII 2.1 §1.6.8.2: no version means the latest the server supports, which is the one offered.
        var version = range.GetParameter("version");
        if (version is null)
        {
            return 2;
        }

        return string.Equals(version, offer.GetParameter("version"), StringComparison.Ordinal) ? 3 : -1;
    }
}

/// <summary>The outcome of a media type check: acceptable, or refused with a sentence for the error body.</summary>
public readonly record struct TaxiiMediaTypeCheck
{
    private TaxiiMediaTypeCheck(bool isAcceptable, string? problem)
    {
        IsAcceptable = isAcceptable;
        Problem = problem;
    }

    /// <summary>A check that passed.</summary>
    public static TaxiiMediaTypeCheck Acceptable { get; } = new(true, null);

    /// <summary>Whether the media type is acceptable; when not, answer 406 for <c>Accept</c> or 415 for <c>Content-Type</c>.</summary>
    public bool IsAcceptable { get; }

    /// <summary>Why the check failed, fit for a TAXII error's <c>description</c>; <see langword="null"/> when acceptable.</summary>
    public string? Problem { get; }

    /// <summary>A check that failed.</summary>
    /// <param name="problem">Why, in one sentence.</param>
    public static TaxiiMediaTypeCheck Refused(string problem) => new(false, problem);
}
