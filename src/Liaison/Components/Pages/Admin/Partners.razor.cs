using System.Security.Claims;
using System.Text.Json.Nodes;
using Liaison.Audit;
using Liaison.Cli;
using Liaison.Components.Desk;
using Liaison.Exchange;
using Liaison.Exchange.Partners;
using Liaison.Exchange.Tls;
using Liaison.Features.Officers;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liaison.Components.Pages.Admin;

/// <summary>
/// The administrator's desk for partner links: the same handlers as <c>/api/partners</c>, audited under the same
/// route names (desk actions travel over the circuit, where <see cref="AuditMiddleware"/> does not see them).
/// </summary>
public sealed partial class Partners
{
    private const int DeadLetterPage = 50;

    private IReadOnlyList<PartnerView>? _partners;
    private string _keyFingerprint = "";
    private string? _tlsFingerprint;
    private (PartnerView Partner, bool Suspend)? _confirm;
    private PartnerView? _deadFor;
    private List<DeadLetters.DeadLetterView>? _dead;
    private int _deadTotal;
    private long? _deadNext;
    private readonly HashSet<long> _selected = [];
    private string? _message;
    private string? _problem;
    private bool _busy;
    private Dictionary<int, IReadOnlyList<HotlineView>> _hotlines = [];
    private PartnerView? _hotlinesFor;
    private PartnerView? _windowsFor;
    private bool _pairing;
    private List<HotlineRow> _hotlineRows = [];
    private readonly FieldErrors _hotlineErrors = new();

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IOptions<ExchangeOptions> Options { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [Inject]
    private NodeKey Key { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>A partner whose dead letters to show at once (<c>admin/partners?dead=ID</c>, linked from the desk home).</summary>
    [SupplyParameterFromQuery(Name = "dead")]
    public int? DeadLettersOf { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _keyFingerprint = Key.Fingerprint;
        _tlsFingerprint = TlsFingerprintOrNull();
        await LoadAsync();
        if (DeadLettersOf is { } id && _partners?.FirstOrDefault(p => p.Id == id) is { DeadLetters: > 0 } partner)
        {
            await OpenDeadLettersAsync(partner);
        }
    }

    private async Task LoadAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        _partners = await PartnerOverview.ListAsync(
            scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), Time.GetUtcNow().UtcDateTime, Options.Value.PullInterval, CancellationToken.None);
        if (_deadFor is { } owner)
        {
            _deadFor = _partners.FirstOrDefault(p => p.Id == owner.Id);
        }

        var links = await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Partners.AsNoTracking().ToListAsync();
        _hotlines = links.ToDictionary(p => p.Id, p => (IReadOnlyList<HotlineView>)[.. p.Hotlines.Select(h => new HotlineView(h.Label, h.Number))]);
    }

    /// <summary>One editable line of the hotline form.</summary>
    private sealed class HotlineRow
    {
        public string Label { get; set; } = "";

        public string Number { get; set; } = "";
    }

    private void OpenHotlines(PartnerView partner)
    {
        _message = null;
        _problem = null;
        _hotlineErrors.Clear();
        _hotlinesFor = partner;
        _hotlineRows = [.. _hotlines.GetValueOrDefault(partner.Id, []).Select(h => new HotlineRow { Label = h.Label, Number = h.Number })];
        if (_hotlineRows.Count == 0)
        {
            AddHotline();
        }
    }

    private void OpenPairing()
    {
        _message = null;
        _problem = null;
        _pairing = true;
    }

    private void OpenWindows(PartnerView partner)
    {
        _message = null;
        _problem = null;
        _windowsFor = partner;
    }

    private async Task WindowsSavedAsync(string message)
    {
        _windowsFor = null;
        _message = message;
        await LoadAsync();
    }

    private void AddHotline() => _hotlineRows.Add(new HotlineRow());

    private void RemoveHotline(int index)
    {
        _hotlineRows.RemoveAt(index);
        _hotlineErrors.Clear();
    }

    private void CloseHotlines()
    {
        _hotlinesFor = null;
        _hotlineRows = [];
        _hotlineErrors.Clear();
    }

    /// <summary>The same handler as <c>PUT /api/partners/{id}/hotlines</c>; lines left wholly blank are dropped first.</summary>
    private async Task SaveHotlinesAsync()
    {
        if (_hotlinesFor is not { } owner)
        {
            return;
        }

        _busy = true;
        _message = null;
        _problem = null;
        try
        {
            _hotlineRows.RemoveAll(r => string.IsNullOrWhiteSpace(r.Label) && string.IsNullOrWhiteSpace(r.Number));
            var request = new SetHotlines.Request([.. _hotlineRows.Select(r => (SetHotlines.Line?)new SetHotlines.Line(r.Label, r.Number))]);
            IResult result;
            await using (var scope = Scopes.CreateAsyncScope())
            {
                result = (await SetHotlines.HandleAsync(owner.Id, request, scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), CancellationToken.None)).Result;
            }

            await RecordAsync($"PUT /api/partners/{owner.Id}/hotlines", result, owner, new JsonObject { ["lines"] = _hotlineRows.Count });
            switch (result)
            {
                case ValidationProblem invalid:
                    _hotlineErrors.Load(invalid, L);
                    break;
                case ProblemHttpResult:
                    _problem = X["Partners.Gone"];
                    break;
                default:
                    _message = L["Hotlines.Saved", owner.PartyName];
                    CloseHotlines();
                    break;
            }

            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private void Ask(PartnerView partner, bool suspend)
    {
        _message = null;
        _problem = null;
        _confirm = (partner, suspend);
    }

    private async Task ConfirmAsync()
    {
        if (_confirm is not { } confirm)
        {
            return;
        }

        _busy = true;
        try
        {
            var verb = confirm.Suspend ? "suspend" : "resume";
            IResult result;
            await using (var scope = Scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
                result = confirm.Suspend
                    ? (await SuspendPartner.SuspendAsync(confirm.Partner.Id, db, Time, Options, CancellationToken.None)).Result
                    : (await SuspendPartner.ResumeAsync(confirm.Partner.Id, db, Time, Options, CancellationToken.None)).Result;
            }

            await RecordAsync($"POST /api/partners/{confirm.Partner.Id}/{verb}", result, confirm.Partner);
            _confirm = null;
            if (result is ProblemHttpResult)
            {
                _problem = X["Partners.Gone"];
            }
            else
            {
                _message = X[confirm.Suspend ? "Partners.Suspended" : "Partners.Resumed", confirm.Partner.PartyName];
            }

            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task OpenDeadLettersAsync(PartnerView partner)
    {
        _deadFor = partner;
        _message = null;
        _problem = null;
        await ReloadDeadLettersAsync();
    }

    private async Task ReloadDeadLettersAsync()
    {
        _dead = [];
        _deadNext = null;
        _selected.Clear();
        await MoreDeadLettersAsync();
    }

    private async Task MoreDeadLettersAsync()
    {
        if (_deadFor is not { } owner || _dead is null)
        {
            return;
        }

        await using var scope = Scopes.CreateAsyncScope();
        var page = await DeadLetters.PageAsync(
            scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), owner.Id, _dead.Count == 0 ? null : _dead[^1].Seq, DeadLetterPage, CancellationToken.None);
        _dead.AddRange(page.Items);
        _deadTotal = page.Total;
        _deadNext = page.Next;
    }

    private void CloseDeadLetters()
    {
        _deadFor = null;
        _dead = null;
        _selected.Clear();
    }

    private void Toggle(long seq, bool selected)
    {
        if (selected)
        {
            _selected.Add(seq);
        }
        else
        {
            _selected.Remove(seq);
        }
    }

    private async Task RetryAsync(bool all)
    {
        if (_deadFor is not { } owner)
        {
            return;
        }

        _busy = true;
        try
        {
            var request = new DeadLetters.RetryRequest(all ? null : [.. _selected.Order()]);
            IResult result;
            await using (var scope = Scopes.CreateAsyncScope())
            {
                result = (await DeadLetters.RetryAsync(owner.Id, request, scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), Time, CancellationToken.None)).Result;
            }

            var details = new JsonObject { ["seqs"] = all ? "all" : new JsonArray([.. _selected.Order().Select(s => JsonValue.Create(s))]) };
            await RecordAsync($"POST /api/partners/{owner.Id}/dead-letters/retry", result, owner, details);
            switch (result)
            {
                case Ok<DeadLetters.RetryResult> ok:
                    _message = X["DeadLetters.Retried", ok.Value!.Retried];
                    break;
                case ValidationProblem invalid:
                    _problem = string.Join(" ", invalid.ProblemDetails.Errors.SelectMany(e => e.Value));
                    break;
                default:
                    _problem = X["Partners.Gone"];
                    break;
            }

            await LoadAsync();
            await ReloadDeadLettersAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RecordAsync(string action, IResult result, PartnerView partner, JsonObject? details = null)
    {
        ClaimsPrincipal user = (await AuthState).User;
        await DeskAudit.RecordAsync(Audit, user, action, DeskAudit.OutcomeOf(result), partner.PartyIdentity, details);
    }

    /// <summary>The served certificate's fingerprint; none when the operator's certificate files cannot be read.</summary>
    private string? TlsFingerprintOrNull()
    {
        try
        {
            return Services.GetService<NodeTls>()?.Fingerprint;
        }
        catch (CliException)
        {
            return null;
        }
    }

    /// <summary>Enough of a fingerprint to tell partners apart in the table; the whole one is in its title.</summary>
    private static string Short(string fingerprint) => fingerprint.Length > 19 ? $"{fingerprint[..19]}…" : fingerprint;

    private static IEnumerable<string> Groups(string fingerprint) =>
        (fingerprint.StartsWith(NodeKey.FingerprintPrefix, StringComparison.Ordinal) ? fingerprint[NodeKey.FingerprintPrefix.Length..] : fingerprint)
            .Chunk(4).Select(c => new string(c));
}
