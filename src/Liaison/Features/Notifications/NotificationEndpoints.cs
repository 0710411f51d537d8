using Liaison.Accounts;
using Liaison.Live;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace Liaison.Features.Notifications;

/// <summary>A notification as the API shows it; <c>alert</c> is the alert's STIX id.</summary>
public sealed record NotificationView(
    long Id, string RecordType, string? Alert, string? Rung, string Officer, bool DeskWide, string? Contacts, string Text, string Channel,
    DateTime CreatedAt, DateTime? DeliveredAt, string? ReadBy, DateTime? ReadAt)
{
    public static NotificationView Of(Notification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return new(n.Id, n.RecordType, n.RecordId, n.Rung, n.OfficerName, n.IsDeskWide, n.Contacts, n.Text, n.Channel, n.CreatedAt, n.DeliveredAt, n.ReadBy, n.ReadAt);
    }
}

public static class NotificationEndpoints
{
    /// <summary>The desk signal published when a notification is read (firing one publishes <c>escalation</c>).</summary>
    public const string Topic = "notification";

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.Ready);
        group.MapGet("/", ListAsync).WithName("ListNotifications").WithSummary("Newest first; filters: unread=true, alert (STIX id); at most 500");
        group.MapPost("/{id:long}/read", ReadAsync).WithName("ReadNotification").WithSummary("Marks a notification read; the first reader and time are kept");
        return routes;
    }

    public static async Task<Ok<IReadOnlyList<NotificationView>>> ListAsync(bool? unread, string? alert, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Set<Notification>().AsNoTracking();
        if (unread == true)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        if (!string.IsNullOrEmpty(alert))
        {
            query = query.Where(n => n.RecordId == alert);
        }

        var rows = await query.OrderByDescending(n => n.Id).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<NotificationView>>([.. rows.Select(NotificationView.Of)]);
    }

    public static async Task<Results<Ok<NotificationView>, NotFound>> ReadAsync(long id, ClaimsPrincipal user, LiaisonDbContext db, TimeProvider time, DeskEvents events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(events);
        var notification = await MarkReadAsync(db, id, AccountEndpoints.ActorOf(user), time.GetUtcNow().UtcDateTime, cancellationToken);
        if (notification is null)
        {
            return TypedResults.NotFound();
        }

        events.Publish(new DeskSignal(Topic, notification.RecordId));
        return TypedResults.Ok(NotificationView.Of(notification));
    }

    /// <summary>How many of the desk's notifications nobody has read yet (the badge in the sidebar).</summary>
    public static Task<int> UnreadCountAsync(LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<Notification>().CountAsync(n => n.ReadAt == null, cancellationToken);
    }

    /// <summary>Marks one notification read by <paramref name="by"/> (callable from desk pages); null when there is none.</summary>
    public static async Task<Notification?> MarkReadAsync(LiaisonDbContext db, long id, string by, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var notification = await db.Set<Notification>().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notification is not null && notification.Read(by, now))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return notification;
    }
}
