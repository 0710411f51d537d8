using Liaison.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Liaison.Features.Officers;

public static class OfficerEndpoints
{
    /// <summary>Officers, shifts and the duty query: anyone signed in reads; administrators and liaison officers keep the roster.</summary>
    public static IEndpointRouteBuilder MapOfficers(this IEndpointRouteBuilder routes)
    {
        // Combined with the groups' Ready policy, so a roster editor must also have finished account set-up.
        static void RosterEditor(AuthorizationPolicyBuilder policy) => policy.RequireRole(Roles.Administrator, Roles.LiaisonOfficer);

        var officers = routes.MapGroup("/api/officers").WithTags("Officers").RequireAuthorization(Policies.Ready);
        officers.MapGet("/", GetOfficers.ListAsync).WithName("ListOfficers").WithSummary("Lists liaison officers; sector=CODE filters");
        officers.MapGet("/{id:int}", GetOfficers.GetAsync).WithName("GetOfficer").WithSummary("One officer");
        officers.MapGet("/{id:int}/stix", OfficerStix.GetAsync).WithName("GetOfficerStix").WithSummary("One officer as a STIX 2.1 identity, in a bundle");
        officers.MapPost("/", SaveOfficer.CreateAsync).RequireAuthorization(RosterEditor).WithName("CreateOfficer").WithSummary("Adds a liaison officer");
        officers.MapPut("/{id:int}", SaveOfficer.UpdateAsync).RequireAuthorization(RosterEditor).WithName("UpdateOfficer").WithSummary("Revises a liaison officer");
        officers.MapDelete("/{id:int}", DeleteOfficer.HandleAsync).RequireAuthorization(RosterEditor)
            .WithName("DeleteOfficer").WithSummary("Removes an officer who has no shifts");

        var shifts = routes.MapGroup("/api/shifts").WithTags("Roster").RequireAuthorization(Policies.Ready);
        shifts.MapGet("/", Shifts.ListAsync).WithName("ListShifts").WithSummary("Shifts overlapping [from, to); sector=CODE and officer=ID filter");
        shifts.MapPost("/", Shifts.CreateAsync).RequireAuthorization(RosterEditor).WithName("CreateShift").WithSummary("Puts an officer on duty for a sector over [start, end)");
        shifts.MapDelete("/{id:int}", Shifts.DeleteAsync).RequireAuthorization(RosterEditor).WithName("DeleteShift").WithSummary("Removes a shift");

        routes.MapGet("/api/duty", GetDuty.HandleAsync).WithTags("Roster").RequireAuthorization(Policies.Ready)
            .WithName("GetDuty").WithSummary("Who is on duty for sector=CODE at=INSTANT (default now), in escalation order");

        // Whom to call at a partner: anyone signed in reads it (the desk needs it when an alert goes unanswered);
        // only an administrator sets the link's hotline numbers.
        routes.MapGet("/api/partners/{id:int}/contacts", PartnerContacts.GetAsync).WithTags("Roster").RequireAuthorization(Policies.Ready)
            .WithName("GetPartnerContacts").WithSummary("The partner's officers on duty at=INSTANT (default now) by sector, sectors=CODE,… first, and the link's hotline numbers");
        routes.MapPut("/api/partners/{id:int}/hotlines", SetHotlines.HandleAsync).WithTags("Partners").RequireAuthorization(Policies.Administrator)
            .WithName("SetPartnerHotlines").WithSummary("Replaces the partner desk's hotline numbers on the link ({hotlines: [{label, number}]}; empty clears)");
        return routes;
    }
}
