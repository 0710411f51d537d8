using Liaison.Features.Parties;
using Liaison.Live;
using Liaison.Storage;

namespace Liaison.Exchange;

/// <summary>
/// Applies one newly stored version of a partner's object to the feature that owns its type. Runs inside the
/// ingest transaction, after the version is in the shared store; versions can arrive out of order, so an applier
/// rebuilds from what is held rather than trusting arrival order. Signals added to <paramref name="signals"/> are
/// published to the desk once the transaction commits.
/// </summary>
public delegate Task ApplyReceived(LiaisonDbContext db, TimeProvider time, Party from, StoredStix stix, ICollection<DeskSignal> signals, CancellationToken cancellationToken);

/// <summary>Which feature applies which of Liaison's object types (the new SDOs of <c>LiaisonExtensions.NewObjectTypes</c>).</summary>
public static class ReceivedObjects
{
    private static readonly Dictionary<string, ApplyReceived> ByType = new(StringComparer.Ordinal)
    {
        // One line per Liaison object type, e.g. ["liaison-alert"] = AlertSharing.ReceiveAsync,
        ["liaison-alert"] = Features.Alerts.AlertSharing.ReceiveAlertAsync,
        ["liaison-acknowledgement"] = Features.Alerts.AlertSharing.ReceiveAcknowledgementAsync,
        ["liaison-message"] = Features.Channel.ChannelSharing.ReceiveMessageAsync,
        ["liaison-receipt"] = Features.Channel.ChannelSharing.ReceiveReceiptAsync,
        ["liaison-officer"] = Features.Officers.RosterSharing.ReceiveOfficerAsync,
        ["liaison-duty-shift"] = Features.Officers.RosterSharing.ReceiveShiftAsync,
        ["liaison-request"] = Features.Requests.RequestSharing.ReceiveRequestAsync,
        ["liaison-response"] = Features.Requests.RequestSharing.ReceiveResponseAsync,
    };

    public static ApplyReceived? For(string type) => ByType.GetValueOrDefault(type);
}
