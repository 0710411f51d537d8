using Liaison.Accounts;
using Liaison.Cli;
using Liaison.Components.Desk;
using Liaison.Exchange;
using Liaison.Exchange.Pairing;
using Liaison.Exchange.Tls;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Components.Pages.Admin;

/// <summary>
/// Runs <see cref="PairPartner"/> from the desk, with this running node's own description (<see cref="SelfDescription"/>),
/// audited under the signed-in administrator (the use case writes the same <c>partner.pair</c> entry as the CLI).
/// </summary>
public sealed partial class PairPartnerForm
{
    private readonly FieldErrors _errors = new();
    private readonly List<string> _steps = [];
    private readonly CancellationTokenSource _gone = new();
    private ElementReference _heading;
    private string _url = "";
    private string _fingerprint = "";
    private bool _insecure;
    private bool _busy;
    private string? _problem;
    private (string PartyName, PartnerState State)? _outcome;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>This node's key fingerprint, the one to read out to the partner's administrator.</summary>
    [Parameter, EditorRequired]
    public string OwnFingerprint { get; set; } = "";

    /// <summary>Called after a pairing wrote something, so the page shows the partner's row.</summary>
    [Parameter]
    public EventCallback OnPaired { get; set; }

    [Parameter]
    public EventCallback OnClose { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            await _heading.FocusAsync();
        }
    }

    private async Task PairAsync()
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        _errors.Clear();
        _problem = null;
        _outcome = null;
        _steps.Clear();
        if (string.IsNullOrWhiteSpace(_url))
        {
            _errors.Add(PairPartner.UrlField, X["Pair.UrlRequired"]);
        }

        if (string.IsNullOrWhiteSpace(_fingerprint))
        {
            _errors.Add(PairPartner.FingerprintField, X["Pair.FingerprintRequired"]);
        }

        if (_errors.Any)
        {
            _busy = false;
            return;
        }

        try
        {
            var user = (await AuthState).User;
            await using var scope = Scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<LiaisonDbContext>();
            var self = await SelfDescription.OfRunningNodeAsync(services, db, _gone.Token);
            var pairing = ActivatorUtilities.CreateInstance<PairPartner>(services);
            var request = new PairPartner.Request(_url.Trim(), _fingerprint.Trim(), _insecure, AccountEndpoints.ActorOf(user), Via: "desk");
            var state = await pairing.RunAsync(request, self, async line =>
            {
                _steps.Add(line);
                await InvokeAsync(StateHasChanged);
            }, _gone.Token);
            var fingerprint = NodeKey.NormalizeFingerprint(request.PartnerFingerprint);
            var name = await db.Partners.AsNoTracking().Where(p => p.KeyFingerprint == fingerprint).Select(p => p.Party.Name).SingleAsync(_gone.Token);
            _outcome = (name, state);
        }
        catch (CliException ex) when (ex.Field == PairPartner.UrlField && !_insecure && PartnerUrl.Validate(_url, allowInsecure: true).IsValid)
        {
            // The one refusal whose CLI wording names a command-line option: said the desk's way, pointing at the checkbox.
            _errors.Add(PairPartner.UrlField, X["Pair.PlainHttpRefused"]);
        }
        catch (CliException ex) when (ex.Field is PairPartner.UrlField or PairPartner.FingerprintField)
        {
            _errors.Add(ex.Field, ex.Message);
        }
        catch (CliException ex)
        {
            _problem = ex.Message;
        }
        finally
        {
            _busy = false;
        }

        // Reloaded after a refusal too: one that comes after the pin (telling the partner failed) leaves a pending row.
        await OnPaired.InvokeAsync();
    }

    public void Dispose()
    {
        _gone.Cancel();
        _gone.Dispose();
    }
}
