using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Liaison.Accounts;

/// <summary>
/// Identity's user manager with lockout decided by the injected <see cref="TimeProvider"/>, so lockout
/// windows behave the same under fake time in tests as under the clock in production.
/// </summary>
public sealed class LiaisonUserManager(
    IUserStore<LiaisonUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<LiaisonUser> passwordHasher,
    IEnumerable<IUserValidator<LiaisonUser>> userValidators,
    IEnumerable<IPasswordValidator<LiaisonUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<LiaisonUser>> logger,
    TimeProvider time)
    : UserManager<LiaisonUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private IUserLockoutStore<LiaisonUser> LockoutStore => (IUserLockoutStore<LiaisonUser>)Store;

    public TimeProvider Time => time;

    public override async Task<bool> IsLockedOutAsync(LiaisonUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsDisabled)
        {
            return true;
        }

        if (!await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken))
        {
            return false;
        }

        var end = await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken);
        return end >= time.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(LiaisonUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var count = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count < Options.Lockout.MaxFailedAccessAttempts)
        {
            return await UpdateUserAsync(user);
        }

        await LockoutStore.SetLockoutEndDateAsync(user, time.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
        await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        return await UpdateUserAsync(user);
    }
}
