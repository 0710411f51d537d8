using System.Text.Json;
using Liaison.Protocol.Http;
using Liaison.Protocol.Signing;

namespace Liaison.Exchange.Pairing;

/// <summary>
/// A JSON answer signed with the node's key (RFC 9421, covering <c>@status</c> and <c>content-digest</c> per RFC 9530,
/// with <c>created</c>, <c>nonce</c> and the key's fingerprint as <c>keyid</c>): what <see cref="VerificationPolicy.ForResponses"/>
/// demands. Used where no signed request came in to be answered, so the signing middleware has nothing to sign for.
/// </summary>
public sealed class SignedAnswer<T>(int status, T value, NodeKey key, TimeProvider time) : IResult
{
    public const string Label = "sig1";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var body = JsonSerializer.SerializeToUtf8Bytes(value, NodeDocument.Json);
        var fields = new HttpFieldCollection { { ContentDigest.FieldName, ContentDigest.Compute(body) } };
        var signature = HttpMessageSignatures.Sign(
            SignedMessage.Response(status, fields), Label, ["@status", ContentDigest.FieldName],
            time.GetUtcNow(), HttpMessageSignatures.CreateNonce(), key.Fingerprint, key);

        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-store";
        response.Headers[ContentDigest.FieldName] = fields.GetCombined(ContentDigest.FieldName);
        response.Headers[HttpMessageSignatures.SignatureInputField] = signature.SignatureInput;
        response.Headers[HttpMessageSignatures.SignatureField] = signature.Signature;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
