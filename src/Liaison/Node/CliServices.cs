using Liaison.Accounts;
using Liaison.Audit;
using Liaison.Protocol.Signing;
using Liaison.Storage;

namespace Liaison.Node;

/// <summary>The services admin verbs need, without a web server: storage, accounts, audit, the node key.</summary>
public static class CliServices
{
    public static ServiceProvider Open(NodeFolder folder, DatabaseSettings database, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton(_ => NodeKey.Load(folder.KeyFile));
        services.AddLiaisonStorage(database);
        services.AddLiaisonIdentityCore();
        services.AddSingleton<AuditLog>();
        services.AddScoped<UserAdministration>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
