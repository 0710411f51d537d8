using System.Security.Claims;
using Liaison.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Liaison.Accounts;

public static class Policies
{
    /// <summary>Signed in, password changed, and two-factor on where the role requires it.</summary>
    public const string Ready = "ready";

    /// <summary>Signed in, possibly still owing a password change or two-factor enrolment.</summary>
    public const string Setup = "setup";

    public const string Administrator = "administrator";

    public const string AuditReader = "audit-reader";

    public const string AuthenticationScheme = "liaison";
}

public static class LiaisonClaims
{
    /// <summary>What the account must still do before it may use the node: <c>password</c>, <c>two-factor</c>.</summary>
    public const string Pending = "liaison:pending";

    public const string TokenId = "liaison:token";
}

public static class AccountsSetup
{
    /// <summary>The parts of Identity the CLI needs as well as the web host.</summary>
    public static IdentityBuilder AddLiaisonIdentityCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services
            .AddIdentityCore<LiaisonUser>(o =>
            {
                // Length over composition rules (NIST SP 800-63B §5.1.1.2).
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
                o.Tokens.AuthenticatorTokenProvider = TotpAuthenticator.ProviderName;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LiaisonDbContext>()
            .AddUserManager<LiaisonUserManager>()
            .AddClaimsPrincipalFactory<LiaisonClaimsFactory>()
            .AddTokenProvider<TotpAuthenticator>(TotpAuthenticator.ProviderName);
    }

    public static IServiceCollection AddLiaisonAccounts(this IServiceCollection services)
    {
        services.AddLiaisonIdentityCore().AddSignInManager();
        services.AddSingleton(sp => new TotpAuthenticator(sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<SignInHandler>();
        services.AddSingleton<PreferenceStore>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Policies.AuthenticationScheme;
                o.DefaultChallengeScheme = Policies.AuthenticationScheme;
            })
            .AddPolicyScheme(Policies.AuthenticationScheme, "Cookie, API token, or HTTP Basic with an API token", o =>
                o.ForwardDefaultSelector = context => context.Request.Headers.ContainsKey("Signature-Input") ? Exchange.Signatures.PartnerClaims.Scheme : context.Request.Headers.Authorization.ToString() switch
                {
                    var h when h.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) => ApiTokenAuthentication.SchemeName,
                    var h when h.StartsWith(BasicAuthentication.Prefix, StringComparison.OrdinalIgnoreCase) => BasicAuthentication.SchemeName,
                    _ => IdentityConstants.ApplicationScheme,
                })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthentication>(BasicAuthentication.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "liaison.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder()
            // A partner node's signature authenticates it for the exchange only, never as a user of this node.
            .AddPolicy(Policies.Ready, p => p.RequireAuthenticatedUser().RequireAssertion(c => !c.User.HasClaim(x => x.Type == LiaisonClaims.Pending) && Exchange.Signatures.PartnerClaims.PartnerOf(c.User) is null))
            .AddPolicy(Policies.Setup, p => p.RequireAuthenticatedUser().RequireAssertion(c => Exchange.Signatures.PartnerClaims.PartnerOf(c.User) is null))
            .AddPolicy(Policies.Administrator, p => p.Combine(ReadyWithRole(Roles.Administrator)))
            .AddPolicy(Policies.AuditReader, p => p.Combine(ReadyWithRole(Roles.Administrator, Roles.Auditor)));
        return services;
    }

    private static AuthorizationPolicy ReadyWithRole(params string[] roles) =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(c => !c.User.HasClaim(x => x.Type == LiaisonClaims.Pending))
            .RequireRole(roles)
            .Build();

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/taxii2"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Adds what the account still owes to its claims, recomputed at every sign-in and stamp refresh.</summary>
public sealed class LiaisonClaimsFactory(UserManager<LiaisonUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<LiaisonUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(LiaisonUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        foreach (var pending in await PendingStepsAsync(UserManager, user))
        {
            identity.AddClaim(new Claim(LiaisonClaims.Pending, pending));
        }

        return identity;
    }

    public static async Task<IReadOnlyList<string>> PendingStepsAsync(UserManager<LiaisonUser> users, LiaisonUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        var steps = new List<string>();
        if (user.MustChangePassword)
        {
            steps.Add("password");
        }

        if (!user.TwoFactorEnabled && await users.IsInRoleAsync(user, Roles.Administrator))
        {
            steps.Add("two-factor");
        }

        return steps;
    }
}
