namespace Liaison.Protocol.Http;

/// <summary>
/// An HTTP request or response as message signatures see it (RFC 9421 §2), independent of ASP.NET
/// or <c>HttpClient</c>: adapters at the edges copy the method, target URI or status, header fields
/// and body into it.
/// </summary>
/// <remarks>
/// A response may carry the request it answers (<see cref="RelatedRequest"/>), so that its signature
/// can cover that request's components with the <c>;req</c> flag (RFC 9421 §2.4): a signed answer
/// then proves which request it answered.
/// </remarks>
public sealed record SignedMessage
{
    private SignedMessage(string? method, Uri? targetUri, int? status, HttpFieldCollection headers, ReadOnlyMemory<byte>? body)
    {
        Method = method;
        TargetUri = targetUri;
        Status = status;
        Headers = headers;
        Body = body;
    }

    /// <summary>The request method, case-sensitive as sent (RFC 9421 §2.2.1); <see langword="null"/> for a response.</summary>
    public string? Method { get; }

    /// <summary>The absolute target URI (RFC 9421 §2.2.2); <see langword="null"/> for a response.</summary>
    public Uri? TargetUri { get; }

    /// <summary>The three-digit status code (RFC 9421 §2.2.9); <see langword="null"/> for a request.</summary>
    public int? Status { get; }

    /// <summary>The header fields.</summary>
    public HttpFieldCollection Headers { get; }

    /// <summary>
    /// The content, when the caller has it; verification then checks a covered <c>Content-Digest</c>
    /// against it (RFC 9421 §7.2.8). <see langword="null"/> skips that check.
    /// </summary>
    public ReadOnlyMemory<byte>? Body { get; init; }

    /// <summary>
    /// For a response, the request it answers, whose components a signature covers with <c>;req</c>
    /// (RFC 9421 §2.4); <see langword="null"/> for a request, or when the response is signed on its own.
    /// </summary>
    public SignedMessage? RelatedRequest { get; init; }

    /// <summary>Whether this is a request.</summary>
    public bool IsRequest => Method is not null;

    /// <summary>Describes a request.</summary>
    /// <param name="method">The method, for example <c>POST</c>.</param>
    /// <param name="targetUri">The absolute target URI, for example <c>https://partner.example/taxii2/</c>.</param>
    /// <param name="headers">The header fields.</param>
    /// <param name="body">The content, if known.</param>
    /// <exception cref="ArgumentException">The method is empty or the URI is relative.</exception>
    public static SignedMessage Request(string method, Uri targetUri, HttpFieldCollection headers, ReadOnlyMemory<byte>? body = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(targetUri);
        ArgumentNullException.ThrowIfNull(headers);
        if (!targetUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The target URI must be absolute (RFC 9421 §2.2.2).", nameof(targetUri));
        }

        return new SignedMessage(method, targetUri, null, headers, body);
    }

    /// <summary>Describes a response.</summary>
    /// <param name="status">The status code, 100 to 599.</param>
    /// <param name="headers">The header fields.</param>
    /// <param name="body">The content, if known.</param>
    /// <param name="relatedRequest">The request this response answers, for components covered with <c>;req</c> (RFC 9421 §2.4).</param>
    /// <exception cref="ArgumentException">The related request is itself a response.</exception>
    public static SignedMessage Response(int status, HttpFieldCollection headers, ReadOnlyMemory<byte>? body = null, SignedMessage? relatedRequest = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        ArgumentNullException.ThrowIfNull(headers);
        if (relatedRequest is { IsRequest: false })
        {
            throw new ArgumentException("The related message of a response must be a request (RFC 9421 §2.4).", nameof(relatedRequest));
        }

        return new SignedMessage(null, null, status, headers, body) { RelatedRequest = relatedRequest };
    }
}
