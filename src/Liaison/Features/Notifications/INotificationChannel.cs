namespace Liaison.Features.Notifications;

/// <summary>
/// A way to reach officers (in-app, e-mail, an SMS gateway). Every registered channel gets every notification,
/// after the transaction that wrote it commits; a channel that fails is logged and does not undo the record.
/// </summary>
public interface INotificationChannel
{
    /// <summary>The channel's name, e.g. <c>in-app</c>.</summary>
    string Name { get; }

    /// <summary>Sends one committed notification.</summary>
    Task SendAsync(Notification notification, CancellationToken cancellationToken);
}

/// <summary>The desk's own list: the stored <see cref="Notification"/> row is the delivery, so there is nothing more to send.</summary>
public sealed class InAppChannel : INotificationChannel
{
    public const string ChannelName = "in-app";

    /// <inheritdoc/>
    public string Name => ChannelName;

    /// <inheritdoc/>
    public Task SendAsync(Notification notification, CancellationToken cancellationToken) => Task.CompletedTask;
}
