using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Accounts;

/// <summary>A person who signs in to this node.</summary>
public sealed class LiaisonUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set for a one-time password (from <c>init</c>, <c>users add</c> or <c>users reset-password</c>).</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>A disabled account cannot sign in and its API tokens stop working.</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The last TOTP time step accepted, so a code cannot be replayed (RFC 6238 §5.2).</summary>
    public long LastTotpTimeStep { get; set; }

    /// <summary>The desk's times for this person: an IANA zone id; null follows the node's zone.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Gregorian or Solar Hijri; null follows the language.</summary>
    public string? Calendar { get; set; }

    /// <summary>The desk language, applied on a browser that has not chosen one yet.</summary>
    public string? Language { get; set; }
}

internal sealed class LiaisonUserConfiguration : IEntityTypeConfiguration<LiaisonUser>
{
    public void Configure(EntityTypeBuilder<LiaisonUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.TimeZone).HasMaxLength(64);
        builder.Property(u => u.Calendar).HasMaxLength(16);
        builder.Property(u => u.Language).HasMaxLength(8);
    }
}

/// <summary>The roles of DESIGN §1's users.</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string LiaisonOfficer = nameof(LiaisonOfficer);
    public const string Analyst = nameof(Analyst);
    public const string Commander = nameof(Commander);
    public const string Auditor = nameof(Auditor);

    public static readonly IReadOnlyList<string> All = [Administrator, LiaisonOfficer, Analyst, Commander, Auditor];

    public static string? Normalize(string value) =>
        All.FirstOrDefault(r => string.Equals(r, value.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
}
