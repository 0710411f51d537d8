using System.Security.Cryptography;
using System.Text;
using Liaison.Protocol.Stix;

namespace Liaison.Features.Exports;

/// <summary>What every STIX answer of the node shares: the media type, derived ids, and bundling with the markings used.</summary>
public static class StixExport
{
    /// <summary>The STIX 2.1 media type (STIX 2.1 §1.5; TAXII 2.1 §1.6.8).</summary>
    public const string MediaType = "application/stix+json;version=2.1";

    /// <summary>
    /// A name-based UUID (RFC 9562 §5.5, version 5) for an object the node keeps no STIX id for, so every
    /// export names it the same and a partner sees it revised rather than duplicated.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 9562 defines version 5 over SHA-1; the hash names an object, it protects nothing.")]
    public static StixId DerivedId(string type, string owner, string name)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"{owner} {name}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new StixId(type, new Guid(hash.AsSpan(0, 16), bigEndian: true));
    }

    /// <summary>
    /// The objects as a bundle (STIX 2.1 §8), each id once, with the TLP 2.0 marking definition of every
    /// TLP marking the objects use, so a reader can resolve each <c>object_marking_refs</c> (STIX 2.1 §7.2.1).
    /// </summary>
    public static StixBundle Bundle(IEnumerable<IStixObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var unique = objects.DistinctBy(o => o.Id).ToList();
        var present = unique.Select(o => o.Id).ToHashSet();
        var levels = new SortedSet<TlpLevel>();
        foreach (var id in unique.OfType<StixCoreObject>().SelectMany(o => o.ObjectMarkingRefs ?? []))
        {
            if (!present.Contains(id) && Tlp.TryFromId(id, out var level))
            {
                levels.Add(level);
            }
        }

        return StixBundle.Create([.. levels.Select(Tlp.Get), .. unique]);
    }

    /// <summary>The bundle as the HTTP answer body.</summary>
    public static string Json(IEnumerable<IStixObject> objects) => StixJson.ToJsonString(Bundle(objects).ToJson());
}
