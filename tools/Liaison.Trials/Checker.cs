using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Liaison.Trials;

/// <summary>
/// Reads both nodes' databases and counts, in the manner of Jepsen's total-queue checks: versions created (released
/// by their creator to the other node), lost (held by the creator, missing at the recipient), unexpected (at a
/// recipient, never created), applied twice, acknowledgements linked to another alert or another acknowledgement than
/// the acknowledging node recorded, TLP:RED objects seen outside their node, records a node confirmed with a 2xx
/// that are not in its database, and alerts and requests whose state differs between the two nodes, or between the
/// creator's record and the last version it shared of it.
/// </summary>
public sealed record CheckResult(
    long Created, long Lost, long Unexpected, long AppliedTwice, long AcknowledgementsWrong, long RedOutside, long ConfirmedMissing,
    long Diverged, long Pending, IReadOnlyList<string> Examples)
{
    public bool Clean => Lost == 0 && Unexpected == 0 && AppliedTwice == 0 && AcknowledgementsWrong == 0 && RedOutside == 0 && ConfirmedMissing == 0
        && Diverged == 0;

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"  versions created          {Created}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  lost                      {Lost}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  unexpected                {Unexpected}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  applied twice             {AppliedTwice}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  acknowledgements wrong    {AcknowledgementsWrong}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  TLP:RED outside its node  {RedOutside}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  2xx but not on its node   {ConfirmedMissing}");
        text.Append(CultureInfo.InvariantCulture, $"  records that disagree     {Diverged}");
        foreach (var example in Examples.Take(10))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    e.g. {example}");
        }

        return text.ToString();
    }
}

public static class Checker
{
    private sealed record Node(string Name, string Database, IReadOnlyCollection<string> Confirmed);

    public static CheckResult Check(Side a, Side b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var examples = new List<string>();
        var x = new Node(a.Name, a.Node.Database, [.. a.Confirmed]);
        var y = new Node(b.Name, b.Node.Database, [.. b.Confirmed]);
        using var dbA = Open(x.Database);
        using var dbB = Open(y.Database);
        var one = Direction(x, dbA, y, dbB, examples);
        var two = Direction(y, dbB, x, dbA, examples);
        var acks = AcknowledgementsWrong(dbA, dbB, examples);
        var missing = ConfirmedMissing(x, dbA, examples) + ConfirmedMissing(y, dbB, examples);
        var diverged = Diverged(x, dbA, y, dbB, examples) + Diverged(y, dbB, x, dbA, examples);
        return new CheckResult(
            one.Created + two.Created, one.Lost + two.Lost, one.Unexpected + two.Unexpected, one.Twice + two.Twice + Twice(dbA, examples) + Twice(dbB, examples),
            acks, one.Red + two.Red, missing, diverged, one.Pending + two.Pending, examples);
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }

    private static (long Created, long Lost, long Unexpected, long Twice, long Red, long Pending) Direction(
        Node creator, SqliteConnection c, Node recipient, SqliteConnection r, List<string> examples)
    {
        var creatorIdentity = Scalar<string>(c, "SELECT StixId FROM parties WHERE IsSelf = 1");
        // Everything the creator released to the recipient (a delivery row exists only when the release policy allows).
        var released = Set(c, """
            SELECT o.StixId, o.Version FROM stix_objects o JOIN deliveries d ON d.ObjectSeq = o.Seq
            JOIN parties p ON p.Id = o.OriginPartyId WHERE p.IsSelf = 1
            """);
        var own = Set(c, "SELECT o.StixId, o.Version FROM stix_objects o JOIN parties p ON p.Id = o.OriginPartyId WHERE p.IsSelf = 1");
        var held = Rows(r, """
            SELECT o.StixId, o.Version, COUNT(*), MAX(CASE WHEN o.Tlp = 'Red' THEN 1 ELSE 0 END) FROM stix_objects o
            JOIN parties p ON p.Id = o.OriginPartyId WHERE p.StixId = $creator GROUP BY o.StixId, o.Version
            """, ("$creator", creatorIdentity));
        var heldKeys = held.Select(h => (h.Id, h.Version)).ToHashSet();
        var lost = released.Where(k => !heldKeys.Contains(k)).ToList();
        var unexpected = heldKeys.Where(k => !own.Contains(k)).ToList();
        var twice = held.Sum(h => h.Count - 1);
        var red = held.Count(h => h.Red) + Scalar<long>(c, """
            SELECT COUNT(*) FROM deliveries d JOIN stix_objects o ON o.Seq = d.ObjectSeq WHERE o.Tlp = 'Red'
            """);
        var pending = Scalar<long>(c, "SELECT COUNT(*) FROM deliveries WHERE State = 'Pending'");
        examples.AddRange(lost.Take(5).Select(k => $"lost {creator.Name}→{recipient.Name}: {k.Item1} {k.Item2}"));
        examples.AddRange(unexpected.Take(5).Select(k => $"unexpected at {recipient.Name}: {k.Item1} {k.Item2}"));
        return (released.Count, lost.Count, unexpected.Count, twice, red, pending);
    }

    /// <summary>Domain records applied twice: one received alert with two "received" events, one message stored twice.</summary>
    private static long Twice(SqliteConnection db, List<string> examples)
    {
        var twice = Scalar<long>(db, """
            SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM alert_events WHERE Kind = 'received' GROUP BY AlertId HAVING COUNT(*) > 1)
            """);
        twice += Scalar<long>(db, "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM channel_messages GROUP BY StixId HAVING COUNT(*) > 1)");
        if (twice > 0)
        {
            examples.Add($"{twice} domain records applied twice in {db.DataSource}");
        }

        return twice;
    }

    /// <summary>For each (alert, acknowledging party) both nodes know an acknowledgement of, both name the same one.</summary>
    private static long AcknowledgementsWrong(SqliteConnection a, SqliteConnection b, List<string> examples)
    {
        const string sql = """
            SELECT al.StixId, p.StixId, r.AcknowledgementId FROM alert_recipients r JOIN alerts al ON al.Id = r.AlertId
            JOIN parties p ON p.Id = r.PartyId WHERE r.AcknowledgementId IS NOT NULL
            """;
        var left = Rows3(a, sql);
        var right = Rows3(b, sql).ToDictionary(t => (t.Item1, t.Item2), t => t.Item3);
        long wrong = 0;
        foreach (var (alert, party, ack) in left)
        {
            if (right.TryGetValue((alert, party), out var other) && other != ack)
            {
                wrong++;
                examples.Add($"alert {alert}: acknowledgement {ack} on one node, {other} on the other");
            }
        }

        return wrong;
    }

    /// <summary>
    /// The creator's alerts and requests whose state the recipient holds differently (an alert's status and revision;
    /// a request's outcome and whether it was withdrawn), and the creator's own alerts whose record says other than
    /// the last version it shared: what each desk shows must be what the other was sent.
    /// </summary>
    private static long Diverged(Node creator, SqliteConnection c, Node recipient, SqliteConnection r, List<string> examples)
    {
        const string alerts = """
            SELECT a.StixId, a.Status || ' ' || a.Revision FROM alerts a JOIN parties p ON p.Id = a.OriginPartyId WHERE p.IsSelf = $self
            """;
        const string requests = """
            SELECT q.StixId, COALESCE(q.Outcome, 'open') || CASE WHEN q.WithdrawnAt IS NULL THEN '' ELSE ' withdrawn' END
            FROM requests q JOIN parties p ON p.Id = q.OriginPartyId WHERE p.IsSelf = $self
            """;
        const string shared = """
            SELECT a.StixId, a.Status || ' ' || a.Revision, json_extract(o.Json, '$.status') || ' ' || json_extract(o.Json, '$.revision')
            FROM alerts a JOIN parties p ON p.Id = a.OriginPartyId AND p.IsSelf = 1
            JOIN stix_objects o ON o.StixId = a.StixId AND o.IsLatest = 1
            """;
        long diverged = 0;
        foreach (var sql in new[] { alerts, requests })
        {
            var held = Pairs(r, sql, 0);
            foreach (var (id, state) in Pairs(c, sql, 1))
            {
                if (held.TryGetValue(id, out var theirs) && !string.Equals(state, theirs, StringComparison.OrdinalIgnoreCase))
                {
                    diverged++;
                    examples.Add($"{id}: {state} on {creator.Name}, {theirs} on {recipient.Name}");
                }
            }
        }

        foreach (var (id, record, version) in Rows3(c, shared))
        {
            if (!string.Equals(record, version, StringComparison.OrdinalIgnoreCase))
            {
                diverged++;
                examples.Add($"{id}: {record} on {creator.Name}'s desk, {version} in the last version it shared");
            }
        }

        return diverged;
    }

    private static Dictionary<string, string> Pairs(SqliteConnection db, string sql, int self)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$self", self);
        using var reader = command.ExecuteReader();
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            pairs[reader.GetString(0)] = reader.GetString(1);
        }

        return pairs;
    }

    private static long ConfirmedMissing(Node node, SqliteConnection db, List<string> examples)
    {
        var ids = Set(db, "SELECT StixId, '' FROM stix_objects").Select(k => k.Item1).ToHashSet(StringComparer.Ordinal);
        var missing = node.Confirmed.Where(id => !ids.Contains(id)).ToList();
        examples.AddRange(missing.Take(5).Select(id => $"{node.Name} answered 2xx for {id} but does not hold it"));
        return missing.Count;
    }

    private static T Scalar<T>(SqliteConnection db, string sql, params (string, object)[] parameters)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static HashSet<(string, string)> Set(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var set = new HashSet<(string, string)>();
        while (reader.Read())
        {
            set.Add((reader.GetString(0), reader.GetString(1)));
        }

        return set;
    }

    private static List<(string Id, string Version, long Count, bool Red)> Rows(SqliteConnection db, string sql, params (string, object)[] parameters)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, long, bool)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3) == 1));
        }

        return rows;
    }

    private static List<(string, string, string)> Rows3(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }
}
