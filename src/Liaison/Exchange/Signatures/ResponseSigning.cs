using Liaison.Protocol.Http;
using Liaison.Protocol.Signing;
using Microsoft.AspNetCore.Http.Features;

namespace Liaison.Exchange.Signatures;

/// <summary>
/// Signs answers with this node's key (RFC 9421): every answer to a verified partner request, and answers an
/// endpoint opts in with <see cref="SignResponse"/> (the unauthenticated self-description a pairing node fetches).
/// The answer is held in memory until the endpoint is done, then sent with <c>Content-Digest</c> (RFC 9530) and
/// a signature over <c>@status</c>, <c>content-digest</c>, <c>content-type</c> and the request it answers (<c>;req</c>).
/// </summary>
public static class ResponseSigning
{
    /// <summary>
    /// Asks for this request's answer to be signed. Call it before anything is written (an endpoint's first line,
    /// or <see cref="WithSignedResponse"/>). A no-op when the answer is already to be signed.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>UseLiaisonSignatures()</c> is not in the pipeline, or the answer has started.</exception>
    public static void SignResponse(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<BufferedResponse>() is not null)
        {
            return;
        }

        if (context.Features.Get<SignaturePipelineMarker>() is null)
        {
            throw new InvalidOperationException("SignResponse needs app.UseLiaisonSignatures() earlier in the pipeline to send the signed answer.");
        }

        if (context.Response.HasStarted)
        {
            throw new InvalidOperationException("The answer has already started; call SignResponse before writing to it.");
        }

        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var buffer = new MemoryStream();
        context.Features.Set(new BufferedResponse(original, buffer));
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer, original));
    }

    /// <summary>Signs the answers of this endpoint even for unsigned requests (see <see cref="SignResponse"/>).</summary>
    public static TBuilder WithSignedResponse<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter((context, next) =>
        {
            context.HttpContext.SignResponse();
            return next(context);
        });

    /// <summary>Sends the held answer, digested and signed; restores the body whatever happens.</summary>
    internal static async Task CompleteAsync(HttpContext context, SignedMessage? verifiedRequest, NodeKey key, TimeProvider time)
    {
        if (context.Features.Get<BufferedResponse>() is not { } buffered)
        {
            return;
        }

        context.Features.Set<BufferedResponse>(null);
        context.Features.Set(buffered.Original);
        await using var _ = buffered.Buffer;
        var body = buffered.Buffer.GetBuffer().AsMemory(0, (int)buffered.Buffer.Length);
        var response = context.Response;
        if (!response.HasStarted)
        {
            response.ContentLength = body.Length;
            response.Headers[ContentDigest.FieldName] = ContentDigest.Compute(body.Span);
            var related = verifiedRequest ?? HttpContextMessages.Request(context, null);
            if (related is not null)
            {
                var hasContentType = !string.IsNullOrEmpty(response.ContentType);
                var requestHasDigest = verifiedRequest is not null && verifiedRequest.Headers.Contains(ContentDigest.FieldName);
                var message = SignedMessage.Response(response.StatusCode, HttpContextMessages.Fields(response.Headers), body, related);
                var signature = HttpMessageSignatures.Sign(
                    message, SignatureProfile.Label, SignatureProfile.ResponseComponents(hasContentType, requestHasDigest),
                    time.GetUtcNow(), HttpMessageSignatures.CreateNonce(), key.Fingerprint, key);
                response.Headers.Append(HttpMessageSignatures.SignatureInputField, signature.SignatureInput);
                response.Headers.Append(HttpMessageSignatures.SignatureField, signature.Signature);
            }
        }

        await buffered.Original.Stream.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Drops a held answer after a failure, so whoever handles the exception writes to the real body.</summary>
    internal static void Abandon(HttpContext context)
    {
        if (context.Features.Get<BufferedResponse>() is { } buffered)
        {
            context.Features.Set<BufferedResponse>(null);
            context.Features.Set(buffered.Original);
            buffered.Buffer.Dispose();
        }
    }

    private sealed record BufferedResponse(IHttpResponseBodyFeature Original, MemoryStream Buffer);
}

/// <summary>Set on every request that passes through <c>UseLiaisonSignatures()</c>, so opting in can be checked.</summary>
internal sealed class SignaturePipelineMarker
{
    public static readonly SignaturePipelineMarker Instance = new();
}
