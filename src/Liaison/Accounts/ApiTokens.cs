using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Accounts;

/// <summary>Create, list and revoke the signed-in person's API tokens.</summary>
public static class ApiTokens
{
    public const int DefaultLifetimeDays = 90;
    public const int MaxLifetimeDays = 365;

    public sealed record CreateRequest(string? Name, int? ExpiresInDays);

    /// <summary><c>token</c> is the only time the secret is shown.</summary>
    public sealed record Created(string Id, string Name, DateTime ExpiresAt, string Token);

    public sealed record Summary(string Id, string Name, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt, bool Active);

    public static async Task<Results<Created<Created>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateRequest request, LiaisonDbContext db, UserManager<LiaisonUser> users, TimeProvider time, HttpContext http)
    {
        var days = request.ExpiresInDays ?? DefaultLifetimeDays;
        var validation = new Validation()
            .Require("name", request.Name, 100)
            .When(days is < 1 or > MaxLifetimeDays, "expiresInDays", $"must be between 1 and {MaxLifetimeDays}");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (http.User.HasClaim(c => c.Type == LiaisonClaims.TokenId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Tokens cannot create tokens", detail: "Sign in with a password and second factor to create an API token.");
        }

        var userId = users.GetUserId(http.User)!;
        var now = time.GetUtcNow().UtcDateTime;
        var (token, plaintext) = ApiToken.Issue(userId, request.Name!.Trim(), now, now.AddDays(days));
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/account/tokens/{token.Id}", new Created(token.Id, token.Name, token.ExpiresAt, plaintext));
    }

    public static async Task<Ok<List<Summary>>> ListAsync(LiaisonDbContext db, UserManager<LiaisonUser> users, TimeProvider time, HttpContext http)
    {
        var userId = users.GetUserId(http.User);
        var now = time.GetUtcNow().UtcDateTime;
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.CreatedAt).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(tokens.Select(t => new Summary(t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.IsActive(now))).ToList());
    }

    public static async Task<Results<NoContent, NotFound>> RevokeAsync(string id, LiaisonDbContext db, UserManager<LiaisonUser> users, TimeProvider time, HttpContext http)
    {
        var userId = users.GetUserId(http.User);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, http.RequestAborted);
        if (token is null)
        {
            return TypedResults.NotFound();
        }

        token.Revoke(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }
}
