using Liaison.Accounts;
using Liaison.Http;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Incidents;

/// <summary>
/// A named armed group that incident reports link to as perpetrator or target; shared as a STIX
/// <c>intrusion-set</c> (an organised, named set of activity) or <c>threat-actor</c> (STIX 2.1 §4.9, §4.17).
/// </summary>
public sealed class NamedGroup
{
    private NamedGroup()
    {
    }

    public NamedGroup(string name, string kind, IReadOnlyList<string> aliases, string? description, DateTime now)
    {
        StixId = Protocol.Stix.StixId.NewRandom(kind).ToString();
        Name = name;
        Kind = kind;
        Aliases = [.. aliases];
        Description = description;
        CreatedAt = now;
    }

    /// <summary>A group a partner named, kept under the partner's identifier so its reports still point to it.</summary>
    public static NamedGroup Received(string stixId, string name, string kind, IReadOnlyList<string> aliases, string? description, DateTime createdAt) => new()
    {
        StixId = stixId,
        Name = name,
        Kind = kind,
        Aliases = [.. aliases],
        Description = description,
        CreatedAt = createdAt,
        IsReceived = true,
    };

    /// <summary>A newer version of a received group.</summary>
    public void Update(string name, IReadOnlyList<string> aliases, string? description)
    {
        Name = name;
        Aliases = [.. aliases];
        Description = description;
    }

    public int Id { get; private set; }

    public string StixId { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary><c>intrusion-set</c> or <c>threat-actor</c>.</summary>
    public string Kind { get; private set; } = "";

    public List<string> Aliases { get; private set; } = [];

    public string? Description { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>True for a group a partner named (and only it may change); false for this node's own.</summary>
    public bool IsReceived { get; private set; }
}

internal sealed class NamedGroupConfiguration : IEntityTypeConfiguration<NamedGroup>
{
    public void Configure(EntityTypeBuilder<NamedGroup> builder)
    {
        builder.ToTable("named_groups");
        builder.Property(g => g.StixId).HasMaxLength(100);
        builder.HasIndex(g => g.StixId).IsUnique();
        builder.Property(g => g.Name).HasMaxLength(200);
        // Not unique: a partner's group may share a name with ours (its id tells them apart); our own names are
        // kept unique by the create handler.
        builder.HasIndex(g => g.Name);
        builder.Property(g => g.Kind).HasMaxLength(20);
        builder.Property(g => g.Description).HasMaxLength(2000);
    }
}

public static class NamedGroups
{
    public sealed record Request(string? Name, string? Kind, IReadOnlyList<string>? Aliases, string? Description);

    public sealed record View(string Id, string Name, string Kind, IReadOnlyList<string> Aliases, string? Description);

    public static IEndpointRouteBuilder MapNamedGroups(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/groups").WithTags("Named groups").RequireAuthorization(Policies.Ready);
        group.MapGet("/", ListAsync).WithName("ListGroups").WithSummary("Named armed groups incidents link to");
        group.MapPost("/", CreateAsync).RequireAuthorization(p => p.RequireRole(Roles.Analyst, Roles.Commander, Roles.LiaisonOfficer))
            .WithName("CreateGroup").WithSummary("Adds a named group (intrusion-set or threat-actor)");
        return routes;
    }

    public static async Task<Ok<List<View>>> ListAsync(LiaisonDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Set<NamedGroup>().AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken)).Select(ToView).ToList());

    public static async Task<Results<Created<View>, ValidationProblem>> CreateAsync(Request request, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validation = new Validation().Require("name", request.Name, 200)
            .When(request.Kind is not (IntrusionSet.TypeName or ThreatActor.TypeName), "kind", $"must be {IntrusionSet.TypeName} or {ThreatActor.TypeName}")
            .When(request.Description?.Length > 2000, "description", "must be at most 2000 characters");
        var aliases = (request.Aliases ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().ToList();
        validation.When(aliases.Any(a => a.Length > 200), "aliases", "each must be at most 200 characters");
        if (validation.IsValid && await db.Set<NamedGroup>().AnyAsync(g => !g.IsReceived && g.Name == request.Name!.Trim(), cancellationToken))
        {
            validation.Add("name", "a group with this name exists");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var group = new NamedGroup(request.Name!.Trim(), request.Kind!, aliases, request.Description, time.GetUtcNow().UtcDateTime);
        db.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/groups/{group.StixId}", ToView(group));
    }

    private static View ToView(NamedGroup g) => new(g.StixId, g.Name, g.Kind, g.Aliases, g.Description);
}
