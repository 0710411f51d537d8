using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Incidents;

/// <summary>A fresh node per test with a signed-in analyst, who may draft, publish, revise and retract.</summary>
public abstract class AnalystNodeTests : IAsyncLifetime
{
    protected TestNode Node { get; private set; } = null!;

    protected HttpClient Analyst { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Node = await TestNode.StartAsync();
        Analyst = await Node.SignInNewUserAsync("analyst", "Analyst");
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
