using Liaison.Protocol.Stix;

namespace Liaison.Features.Channel;

/// <summary>
/// A message as a <c>liaison-message</c> and a reading as a <c>liaison-receipt</c>, each issued by its own party
/// and marked TLP:AMBER: the channel is between the two desks and goes to nobody else (TLP 2.0).
/// </summary>
public static class ChannelStix
{
    public static LiaisonMessage ToStix(ChannelThread thread, ChannelMessage message)
    {
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentNullException.ThrowIfNull(message);
        var written = Utc(message.WrittenAt);
        return new LiaisonMessage
        {
            Id = StixId.Parse(message.StixId),
            Created = written,
            Modified = written,
            CreatedByRef = StixId.Parse(message.OriginParty.StixId),
            ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
            ThreadRef = thread.ThreadRef,
            Subject = thread.Subject,
            Sequence = message.Sequence,
            Priority = Wire(message.Priority),
            Body = message.Body,
            Written = written,
            Author = message.Author,
            AuthorRole = message.AuthorRole,
        };
    }

    public static LiaisonReceipt Receipt(string receiptId, string readerParty, IReadOnlyList<ChannelMessage> read, DateTime readAt, string readBy)
    {
        ArgumentNullException.ThrowIfNull(read);
        var at = Utc(readAt);
        return new LiaisonReceipt
        {
            Id = StixId.Parse(receiptId),
            Created = at,
            Modified = at,
            CreatedByRef = StixId.Parse(readerParty),
            ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
            MessageRefs = [.. read.Select(m => StixId.Parse(m.StixId))],
            ReadAt = at,
            ReadBy = readBy,
        };
    }

    public static string Wire(MessagePriority priority) => priority.ToString().ToLowerInvariant();

    public static MessagePriority? ParsePriority(string? name) => name switch
    {
        "normal" => MessagePriority.Normal,
        "urgent" => MessagePriority.Urgent,
        "flash" => MessagePriority.Flash,
        _ => null,
    };

    /// <summary>The desk signal's precedence: flash stays flash, urgent reads as the alerts' immediate, normal has none.</summary>
    public static string? SignalPrecedence(MessagePriority priority) => priority switch
    {
        MessagePriority.Flash => "flash",
        MessagePriority.Urgent => "immediate",
        _ => null,
    };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);
}
