using Liaison.Protocol.Stix;

namespace Liaison.Features.Parties;

/// <summary>A party as the STIX <c>identity</c> its records name in <c>created_by_ref</c> (STIX 2.1 §4.5).</summary>
public static class PartyStix
{
    public static Identity Identity(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        var created = new DateTimeOffset(party.CreatedAt, TimeSpan.Zero);
        return new Identity
        {
            Id = StixId.Parse(party.StixId),
            Created = created,
            Modified = created,
            Name = party.Name,
            IdentityClass = "organization",
            Sectors = ["government-national", "defense"],
            Description = $"Party to the border liaison mechanism ({party.Country})",
        };
    }
}
