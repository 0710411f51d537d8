using Liaison.Protocol.Stix;

namespace Liaison.Exchange;

/// <summary>What the policy needs to know about a record to decide where it may go.</summary>
/// <param name="OriginPartyId">The party that issued the record (its <c>created_by_ref</c>).</param>
/// <param name="Tlp">The strictest TLP 2.0 marking on the record; none is treated as TLP:AMBER.</param>
/// <param name="Recipients">Identity ids the originator addressed; empty means every partner the TLP allows.</param>
/// <param name="OnwardConsent">Identity ids of third parties the originator allowed this record to be passed on to.</param>
public sealed record ReleaseFacts(int OriginPartyId, TlpLevel? Tlp, IReadOnlyCollection<string> Recipients, IReadOnlyCollection<string> OnwardConsent)
{
    public static string Join(IEnumerable<string> ids) => string.Join(' ', ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    public static IReadOnlyCollection<string> Split(string ids) => ids.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

public enum ReleaseVerdict
{
    Release,
    RedNeverLeaves,
    StrictNeedsRecipient,
    NotAddressed,
    NotBackToOrigin,
    NoOnwardConsent,
}

/// <summary>
/// The one place that decides whether a record version may leave this node for a given partner (DESIGN §3).
/// The relay, the TAXII server and the backfill at pairing all ask it; nothing else writes a <see cref="Delivery"/>.
/// </summary>
public static class ReleasePolicy
{
    /// <param name="facts">The record.</param>
    /// <param name="selfPartyId">This node's party.</param>
    /// <param name="partnerPartyId">The party that would receive it.</param>
    /// <param name="partnerIdentity">That party's STIX identity id, as recipients name it.</param>
    public static ReleaseVerdict Decide(ReleaseFacts facts, int selfPartyId, int partnerPartyId, string partnerIdentity)
    {
        ArgumentNullException.ThrowIfNull(facts);

        // TLP 2.0: "TLP:RED … For the eyes and ears of individual recipients only, no further disclosure." A node
        // is not an individual: RED records stay on the node where they were written.
        if (facts.Tlp == TlpLevel.Red)
        {
            return ReleaseVerdict.RedNeverLeaves;
        }

        if (facts.OriginPartyId == partnerPartyId)
        {
            return ReleaseVerdict.NotBackToOrigin;
        }

        if (facts.OriginPartyId != selfPartyId)
        {
            // A partner's record goes to a third party only with its originator's consent.
            return facts.OnwardConsent.Contains(partnerIdentity, StringComparer.Ordinal) && facts.Tlp != TlpLevel.AmberStrict
                ? ReleaseVerdict.Release
                : ReleaseVerdict.NoOnwardConsent;
        }

        // TLP 2.0: AMBER+STRICT restricts sharing to the recipient organisation only, so the recipient must be named.
        if (facts.Tlp == TlpLevel.AmberStrict)
        {
            return facts.Recipients.Contains(partnerIdentity, StringComparer.Ordinal) ? ReleaseVerdict.Release : ReleaseVerdict.StrictNeedsRecipient;
        }

        return facts.Recipients.Count == 0 || facts.Recipients.Contains(partnerIdentity, StringComparer.Ordinal)
            ? ReleaseVerdict.Release
            : ReleaseVerdict.NotAddressed;
    }
}
