using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Liaison.Protocol.Tests.Json;

/// <summary>A random JSON document, carried as text so a failing case prints readably.</summary>
public sealed record JsonSample(string Text)
{
    public override string ToString() => Text;
}

/// <summary>FsCheck generators for I-JSON values: unique names, finite numbers, valid Unicode.</summary>
public static class JsonGenerators
{
    private static readonly string[] Fragments =
    [
        "a", "Z", "1", " ", "é", "€", "😀", "\ufb33", "\u0080", "\u0000", "\u001f", "\"", "\\", "/", "\u2028", "\u007f", "key",
    ];

    public static Arbitrary<JsonSample> Json() =>
        Gen.Sized(size => Value(Math.Min(size, 6))).Select(node => new JsonSample(node?.ToJsonString() ?? "null")).ToArbitrary();

    private static Gen<string> Text() =>
        Gen.ListOf(Gen.Elements(Fragments)).Select(parts => string.Concat(parts));

    private static Gen<double> Number() =>
        Gen.OneOf(
            Gen.Choose(-1000, 1000).Select(i => (double)i),
            Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(int.MinValue, int.MaxValue))
                .Select(p => BitConverter.Int64BitsToDouble(((long)p.Item1 << 32) | (uint)p.Item2))
                .Where(double.IsFinite));

    private static Gen<JsonNode?> Value(int depth)
    {
        var leaf = Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
            Number().Select(d => (JsonNode?)JsonValue.Create(d)),
            Text().Select(s => (JsonNode?)JsonValue.Create(s)));
        if (depth <= 0)
        {
            return leaf;
        }

        var child = Value(depth - 1);
        var array = Gen.ListOf(child).Select(items => (JsonNode?)new JsonArray([.. items]));
        var obj = Gen.ListOf(Gen.Zip(Text(), child)).Select(pairs =>
        {
            var result = new JsonObject();
            foreach (var (name, value) in pairs)
            {
                result[name] = value;
            }

            return (JsonNode?)result;
        });
        return Gen.OneOf(leaf, array, obj);
    }
}
