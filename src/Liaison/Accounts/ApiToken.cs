using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Accounts;

/// <summary>
/// A personal API token for scripts. Only a SHA-256 hash of the secret is stored; the token itself
/// is shown once, when it is created. Format: <c>lia_{id}_{secret}</c>.
/// </summary>
public sealed class ApiToken
{
    public const string Prefix = "lia_";

    private ApiToken()
    {
    }

    public string Id { get; private set; } = "";

    public string UserId { get; private set; } = "";

    public string Name { get; private set; } = "";

    public byte[] SecretHash { get; private set; } = [];

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public DateTime? LastUsedAt { get; private set; }

    /// <summary>Creates a token; the returned string is the only copy of the secret.</summary>
    public static (ApiToken Token, string Plaintext) Issue(string userId, string name, DateTime now, DateTime expiresAt)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Id = id,
            UserId = userId,
            Name = name,
            SecretHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        return (token, $"{Prefix}{id}_{secret}");
    }

    public static bool TryParse(string value, out string id, out string secret)
    {
        id = secret = "";
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value[Prefix.Length..];
        var split = rest.IndexOf('_', StringComparison.Ordinal);
        if (split != 16 || rest.Length <= split + 1)
        {
            return false;
        }

        id = rest[..split];
        secret = rest[(split + 1)..];
        return true;
    }

    public bool Matches(string secret) => CryptographicOperations.FixedTimeEquals(SecretHash, Hash(secret));

    public bool IsActive(DateTime now) => RevokedAt is null && now < ExpiresAt;

    public void Revoke(DateTime now) => RevokedAt ??= now;

    public void MarkUsed(DateTime now) => LastUsedAt = now;

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(16);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.HasOne<LiaisonUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.UserId);
    }
}
