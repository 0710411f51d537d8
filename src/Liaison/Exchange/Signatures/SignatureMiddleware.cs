using System.Globalization;
using System.Text.Json.Nodes;
using Liaison.Audit;
using Liaison.Protocol.Http;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Exchange.Signatures;

/// <summary>A request whose RFC 9421 signature verified against a partner's pinned key.</summary>
/// <param name="Partner">The partner, with its party, as loaded when the request arrived (detached).</param>
/// <param name="Request">The request as signed, body included.</param>
public sealed record VerifiedPartnerRequest(Partner Partner, SignedMessage Request);

/// <summary>
/// Checks every request that carries <c>Signature-Input</c> or <c>Signature</c> before anything else reads it
/// (DESIGN §3: the signature is verified before the body is parsed). The body is read into memory (at most
/// <see cref="SignatureProfile.MaxRequestBodyBytes"/>); then the signature must cover <c>@method</c>,
/// <c>@target-uri</c> and, with a body, <c>content-digest</c>, with <c>created</c> within ±300 s, a nonce not seen
/// before, <c>alg="ed25519"</c>, and a <c>keyid</c> that is a pending or trusted partner's key fingerprint. A request
/// that fails is answered 401 (403 for a suspended partner) with a problem saying which check failed, audited,
/// and goes no further. A verified request runs as the partner (<see cref="SignatureAuthentication"/>) and its
/// answer is signed (<see cref="ResponseSigning"/>). Requests without a signature pass untouched to the other schemes.
/// </summary>
public sealed class SignatureMiddleware(
    RequestDelegate next, IServiceScopeFactory scopes, NodeKey key, TimeProvider time, ReplayCaches replays, AuditLog audit, ILogger<SignatureMiddleware> logger)
{
    /// <summary>How stale the noted last contact may get; far below the link-health bound (ten pull intervals).</summary>
    public static readonly TimeSpan ContactGranularity = TimeSpan.FromSeconds(10);

    public const string RejectedAction = "exchange.signature-rejected";

    public static bool IsSigned(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.ContainsKey(HttpMessageSignatures.SignatureInputField) || request.Headers.ContainsKey(HttpMessageSignatures.SignatureField);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Features.Set(SignaturePipelineMarker.Instance);
        VerifiedPartnerRequest? verified = null;
        if (IsSigned(context.Request))
        {
            verified = await VerifyAsync(context);
            if (verified is null)
            {
                return;
            }

            context.Features.Set(verified);
            context.SignResponse();
        }

        try
        {
            await next(context);
        }
        catch
        {
            ResponseSigning.Abandon(context);
            throw;
        }

        await ResponseSigning.CompleteAsync(context, verified?.Request, key, time);
    }

    /// <summary>Verifies the request, or answers it with the reason and returns null.</summary>
    private async Task<VerifiedPartnerRequest?> VerifyAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > SignatureProfile.MaxRequestBodyBytes)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, "too-large", $"A signed request body may be at most {SignatureProfile.MaxRequestBodyBytes} bytes.", null);
            return null;
        }

        var body = await ReadBodyAsync(request, context.RequestAborted);
        if (body is null)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, "too-large", $"A signed request body may be at most {SignatureProfile.MaxRequestBodyBytes} bytes.", null);
            return null;
        }

        var keyId = KeyIdOf(request);
        var message = HttpContextMessages.Request(context, body);
        if (message is null)
        {
            await RejectAsync(context, StatusCodes.Status401Unauthorized, "malformed", "The request target does not form an absolute URI to verify @target-uri against (RFC 9421 §2.2.2).", keyId);
            return null;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var partner = keyId is null
            ? null
            : await db.Partners.Include(p => p.Party).SingleOrDefaultAsync(p => p.KeyFingerprint == keyId, context.RequestAborted);

        var result = HttpMessageSignatures.Verify(
            message, null, id => partner is not null && id == partner.KeyFingerprint ? partner.PublicKey : null,
            time, SignatureProfile.ForRequest(body.Length > 0), replays.Requests);
        if (!result.IsValid)
        {
            var (status, reason) = Classify(result.Failure);
            await RejectAsync(context, status, reason, result.Detail, result.KeyId ?? keyId);
            return null;
        }

        if (partner!.State == PartnerState.Suspended)
        {
            await RejectAsync(context, StatusCodes.Status403Forbidden, "suspended", "This node has suspended the link with your party; nothing is accepted until an administrator resumes it.", partner.KeyFingerprint);
            return null;
        }

        await RecordContactAsync(db, partner);

        // Whatever runs next reads the body that was verified, from memory.
        request.Body = new MemoryStream(body, writable: false);
        return new VerifiedPartnerRequest(partner, message);
    }

    /// <summary>
    /// Notes when the partner was last heard from (the partners page's link health). It is a write, and on SQLite
    /// every write waits for the one writer: so it is written at most every <see cref="ContactGranularity"/> (or at
    /// once when the link had failed), and a node too busy to write it in time still serves the request — found
    /// by the long trial run, where pushes and pulls to a node busy taking in a backlog were answered 500 because
    /// this bookkeeping could not get the write lock.
    /// </summary>
    private async Task RecordContactAsync(LiaisonDbContext db, Partner partner)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (partner.ConsecutiveFailures == 0 && partner.LastContactAt is { } last && now - last < ContactGranularity)
        {
            return;
        }

        partner.RecordContact(now);
        try
        {
            await PartnerLink.SaveAsync(db, partner, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            logger.LogWarning("Could not note contact with {Partner} ({Reason}); the request goes on", partner.Party.Name, ex.InnerException?.Message ?? ex.Message);
        }
    }

    /// <summary>The body, or null when it exceeds the cap (a chunked body has no Content-Length to refuse early).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > SignatureProfile.MaxRequestBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The keyid of the only signature, to find the partner; verification proper reads it again.</summary>
    private static string? KeyIdOf(HttpRequest request)
    {
        try
        {
            var inputs = StructuredFields.ParseDictionary(request.Headers[HttpMessageSignatures.SignatureInputField].ToString());
            return inputs is [{ Value: SfInnerList list }]
                && list.Parameters.FirstOrDefault(p => p.Key == "keyid").Value is string keyId
                    ? keyId
                    : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static (int Status, string Reason) Classify(SignatureFailure failure) => failure switch
    {
        SignatureFailure.Missing => (StatusCodes.Status401Unauthorized, "unsigned"),
        SignatureFailure.Malformed => (StatusCodes.Status401Unauthorized, "malformed"),
        SignatureFailure.UnsupportedAlgorithm => (StatusCodes.Status401Unauthorized, "unsupported-algorithm"),
        SignatureFailure.ComponentNotCovered => (StatusCodes.Status401Unauthorized, "incomplete"),
        SignatureFailure.UnknownKey => (StatusCodes.Status401Unauthorized, "unknown-key"),
        SignatureFailure.Expired => (StatusCodes.Status401Unauthorized, "expired"),
        SignatureFailure.NotYetValid => (StatusCodes.Status401Unauthorized, "not-yet-valid"),
        SignatureFailure.BadSignature => (StatusCodes.Status401Unauthorized, "bad-signature"),
        SignatureFailure.DigestMismatch => (StatusCodes.Status401Unauthorized, "bad-digest"),
        SignatureFailure.ReplayedNonce => (StatusCodes.Status401Unauthorized, "replayed"),
        // Not the sender's fault: it may retry later with a fresh signature.
        SignatureFailure.ReplayCacheFull => (StatusCodes.Status503ServiceUnavailable, "replay-cache-full"),
        _ => (StatusCodes.Status401Unauthorized, "rejected"),
    };

    private async Task RejectAsync(HttpContext context, int status, string reason, string detail, string? keyId)
    {
        // A keyid is whatever the sender wrote; keep the audit row bounded.
        var shownKeyId = keyId is { Length: > 100 } ? keyId[..100] : keyId;
        var address = context.Connection.RemoteIpAddress?.ToString();
        logger.LogWarning("Rejected signed {Method} {Path} from {Address} (keyid {KeyId}): {Reason}: {Detail}",
            context.Request.Method, context.Request.Path, address, shownKeyId, reason, detail);

        var details = new JsonObject { ["reason"] = reason, ["detail"] = detail };
        if (shownKeyId is not null)
        {
            details["keyid"] = shownKeyId;
        }

        await audit.AppendAsync(
            new AuditRecord(
                shownKeyId is null ? "anonymous" : $"partner:{shownKeyId}",
                RejectedAction,
                status.ToString(CultureInfo.InvariantCulture),
                Target: $"{context.Request.Method} {context.Request.Path}",
                Details: details,
                Address: address),
            CancellationToken.None);

        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = SignatureAuthentication.Challenge(reason);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        await WriteProblemAsync(context, status, reason, detail);
    }

    internal static Task WriteProblemAsync(HttpContext context, int status, string reason, string detail) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status403Forbidden => "Partner suspended",
                StatusCodes.Status413PayloadTooLarge => "Signed request too large",
                StatusCodes.Status503ServiceUnavailable => "Cannot check the signature now",
                _ => "Signature rejected",
            },
            Detail = detail,
            Extensions = { ["reason"] = reason },
        }).ExecuteAsync(context);
}
