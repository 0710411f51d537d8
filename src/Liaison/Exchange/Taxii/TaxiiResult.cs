using System.Text.Json;
using Liaison.Protocol.Taxii;

namespace Liaison.Exchange.Taxii;

/// <summary>
/// A TAXII 2.1 response: a body already written as UTF-8 JSON, sent as <c>application/taxii+json;version=2.1</c>
/// (TAXII 2.1 §1.6.8.2) with a known length, plus any TAXII headers (§3.2).
/// </summary>
public sealed class TaxiiResult : IResult
{
    private readonly ReadOnlyMemory<byte> _body;
    private readonly List<KeyValuePair<string, string>> _headers = [];
    private readonly TaxiiError? _error;

    private TaxiiResult(int statusCode, ReadOnlyMemory<byte> body, TaxiiError? error)
    {
        StatusCode = statusCode;
        _body = body;
        _error = error;
    }

    public int StatusCode { get; }

    /// <summary>A resource such as <see cref="TaxiiDiscovery"/>, serialized as TAXII writes it.</summary>
    public static TaxiiResult Resource<T>(T resource, int statusCode = StatusCodes.Status200OK) =>
        new(statusCode, TaxiiJson.SerializeToUtf8Bytes(resource), null);

    /// <summary>JSON already written, such as an envelope spliced from stored objects or a stored status.</summary>
    public static TaxiiResult Raw(ReadOnlyMemory<byte> utf8Json, int statusCode = StatusCodes.Status200OK) => new(statusCode, utf8Json, null);

    /// <summary>An error message (TAXII 2.1 §3.6.1); its <c>error_id</c> is the request's trace identifier, to find it in logs.</summary>
    public static TaxiiResult Error(int statusCode, string title, string? description = null) =>
        new(statusCode, default, new TaxiiError { Title = title, Description = description, HttpStatus = statusCode });

    /// <summary>The 400 answer naming every malformed query parameter in <c>details</c> (TAXII 2.1 §3.4, §3.6.1).</summary>
    public static TaxiiResult QueryErrors(IReadOnlyCollection<TaxiiQueryError> errors) =>
        new(StatusCodes.Status400BadRequest, default, TaxiiError.ForQueryErrors(errors));

    public TaxiiResult WithHeader(string name, string value)
    {
        _headers.Add(new(name, value));
        return this;
    }

    /// <summary>The <c>X-TAXII-Date-Added-First</c>/<c>-Last</c> headers (TAXII 2.1 §3.2), only when the page holds something.</summary>
    public TaxiiResult WithDateAdded(DateTime? first, DateTime? last)
    {
        if (first is { } f && last is { } l)
        {
            WithHeader(TaxiiHeaderNames.DateAddedFirst, Format(f));
            WithHeader(TaxiiHeaderNames.DateAddedLast, Format(l));
        }

        return this;
    }

    public static string Format(DateTime utc) => TaxiiTimestamp.Format(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var body = _error is null ? _body : JsonSerializer.SerializeToUtf8Bytes(_error with { ErrorId = httpContext.TraceIdentifier }, TaxiiJson.SerializerOptions);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = TaxiiMediaTypes.Taxii21;
        foreach (var (name, value) in _headers)
        {
            response.Headers.Append(name, value);
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
