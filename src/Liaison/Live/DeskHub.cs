using System.Security.Claims;
using Liaison.Accounts;
using Liaison.Features.Parties;
using Liaison.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Live;

/// <summary>
/// The desk's push channel for clients outside the Blazor circuit (a wall display, a mobile desk, a script).
/// Every connection joins the group of this node's party and one group per role it holds; it may also follow
/// sectors. Signals carry only what changed (topic, id, party, precedence, sector): the client re-reads the record
/// through the API, where the usual authorization and releasability rules apply.
/// </summary>
[Authorize(Policy = Policies.Ready)]
public sealed class DeskHub(LiaisonDbContext db) : Hub
{
    public const string Path = "/hubs/desk";

    /// <summary>The client method every signal is sent to.</summary>
    public const string SignalMethod = "signal";

    /// <summary>Every desk connection of this node, for signals addressed to nobody in particular.</summary>
    public const string AllDesks = "desk";

    public static string PartyGroup(string partyStixId) => "party:" + partyStixId;

    public static string RoleGroup(string role) => "role:" + role;

    public static string SectorGroup(string sectorCode) => "sector:" + sectorCode;

    public override async Task OnConnectedAsync()
    {
        var self = await db.Parties.AsNoTracking().SelfAsync(Context.ConnectionAborted);
        var groups = new List<string> { AllDesks, PartyGroup(self.StixId) };
        groups.AddRange((Context.User?.FindAll(ClaimTypes.Role) ?? []).Select(r => RoleGroup(r.Value)));
        foreach (var group in groups)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        }

        await base.OnConnectedAsync();
    }

    /// <summary>Also receive signals about <paramref name="sectorCode"/> (the sector a liaison officer sits in).</summary>
    public Task FollowSector(string sectorCode)
    {
        if (string.IsNullOrWhiteSpace(sectorCode) || sectorCode.Length > 64)
        {
            throw new HubException("sectorCode must be a sector code");
        }

        return Groups.AddToGroupAsync(Context.ConnectionId, SectorGroup(sectorCode.Trim()), Context.ConnectionAborted);
    }

    public Task UnfollowSector(string sectorCode) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, SectorGroup(sectorCode?.Trim() ?? ""), Context.ConnectionAborted);
}
