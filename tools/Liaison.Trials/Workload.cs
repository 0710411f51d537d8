using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Liaison.Trials;

/// <summary>What the workload did on one node, and the records the node confirmed with a 2xx answer.</summary>
public sealed class Side(string name, NodeProcess node, DeskClient desk, string partnerIdentity)
{
    public string Name { get; } = name;

    public NodeProcess Node { get; } = node;

    public DeskClient Desk { get; } = desk;

    public string PartnerIdentity { get; } = partnerIdentity;

    /// <summary>Published, not retracted, own incidents (STIX ids): revisions and retractions pick from these.</summary>
    public ConcurrentDictionary<string, byte> Incidents { get; } = new();

    public ConcurrentDictionary<string, byte> Threads { get; } = new();

    /// <summary>STIX ids this node answered 2xx for: they must be in its database at the end.</summary>
    public ConcurrentBag<string> Confirmed { get; } = [];

    public ConcurrentDictionary<string, int> Done { get; } = new();

    private long _unreachable;
    private long _refused;

    public long Unreachable => Interlocked.Read(ref _unreachable);

    public long Refused => Interlocked.Read(ref _refused);

    internal void CountUnreachable() => Interlocked.Increment(ref _unreachable);

    internal void CountRefused() => Interlocked.Increment(ref _refused);

    internal void Count(string what) => Done.AddOrUpdate(what, 1, (_, n) => n + 1);
}

/// <summary>
/// The workload each node's analysts run during the trials, through the public API: incident creates (draft then
/// publish; some TLP:RED, which must never leave), revisions, retractions, alerts, updates racing a cancel or close
/// of the same alert, acknowledgements of the partner's alerts, requests to the partner with their acknowledgements,
/// answers, refusals and withdrawals, and liaison-channel messages. A request that meets a killed node is simply
/// counted and the client moves on.
/// </summary>
public static class Workload
{
    private static readonly string[] Questions = ["Were vehicles stopped on your side?"];

    public static async Task RunAsync(Side side, int seed, Func<bool> stop, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        while (!stop() && !cancellationToken.IsCancellationRequested)
        {
            if (!side.Node.Running)
            {
                await Task.Delay(100, cancellationToken);
                continue;
            }

            try
            {
                var roll = random.Next(100);
                await (roll switch
                {
                    < 30 => CreateIncidentAsync(side, random, cancellationToken),
                    < 42 => ReviseAsync(side, random, cancellationToken),
                    < 46 => RetractAsync(side, random, cancellationToken),
                    < 57 => RaiseAlertAsync(side, random, cancellationToken),
                    < 63 => ChangeAlertAsync(side, random, cancellationToken),
                    < 72 => AcknowledgeAsync(side, random, cancellationToken),
                    < 78 => CreateRequestAsync(side, random, cancellationToken),
                    < 85 => RespondAsync(side, random, cancellationToken),
                    < 87 => WithdrawAsync(side, random, cancellationToken),
                    _ => MessageAsync(side, random, cancellationToken),
                });
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                side.CountUnreachable();
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private static async Task CreateIncidentAsync(Side side, Random random, CancellationToken cancellationToken)
    {
        var tlp = random.Next(100) switch
        {
            < 15 => "red",
            < 30 => "amber",
            _ => "green",
        };
        var draft = await side.Desk.SendAsync(HttpMethod.Post, "api/incidents", Incident(random, tlp, $"{side.Name} report {random.Next():x}"), cancellationToken);
        if (draft.Status != HttpStatusCode.Created || draft.Location is null)
        {
            Refuse(side, "create", draft.Status);
            return;
        }

        var id = draft.Location[(draft.Location.LastIndexOf('/') + 1)..];
        var published = await side.Desk.SendAsync(HttpMethod.Post, $"api/incidents/{id}/publish", null, cancellationToken);
        if (published.Status != HttpStatusCode.OK)
        {
            Refuse(side, "publish", published.Status);
            return;
        }

        side.Confirmed.Add(id);
        side.Incidents[id] = 0;
        side.Count(tlp == "red" ? "incident (red)" : "incident");
    }

    private static async Task ReviseAsync(Side side, Random random, CancellationToken cancellationToken)
    {
        if (Pick(side.Incidents, random) is not { } id)
        {
            return;
        }

        // TLP stays green so that a revision never changes who may see the report.
        var revised = await side.Desk.SendAsync(HttpMethod.Put, $"api/incidents/{id}", Incident(random, "green", $"{side.Name} revised {random.Next():x}"), cancellationToken);
        if (revised.Status == HttpStatusCode.OK)
        {
            side.Count("revision");
        }
        else
        {
            Refuse(side, "revise", revised.Status);
        }
    }

    private static async Task RetractAsync(Side side, Random random, CancellationToken cancellationToken)
    {
        if (Pick(side.Incidents, random) is not { } id)
        {
            return;
        }

        var retracted = await side.Desk.SendAsync(HttpMethod.Post, $"api/incidents/{id}/retract", new { reason = "trials: withdrawn" }, cancellationToken);
        if (retracted.Status == HttpStatusCode.OK)
        {
            side.Incidents.TryRemove(id, out _);
            side.Count("retraction");
        }
        else
        {
            Refuse(side, "retract", retracted.Status);
        }
    }

    private static async Task RaiseAlertAsync(Side side, Random random, CancellationToken cancellationToken) =>
        Created(side, "alert", await side.Desk.SendAsync(HttpMethod.Post, "api/alerts", Alert(random, $"{side.Name} alert {random.Next():x}", days: 2), cancellationToken));

    /// <summary>
    /// An update and a cancel or close of the same own active alert, sent at once, as two officers at two desks
    /// might: each is applied or refused with 409, and the checker compares what each node then holds.
    /// </summary>
    private static async Task ChangeAlertAsync(Side side, Random random, CancellationToken cancellationToken)
    {
        if (await PickAsync(side, "api/alerts?direction=sent&status=active&limit=20", random, cancellationToken) is not { } id)
        {
            return;
        }

        var update = side.Desk.SendAsync(HttpMethod.Post, $"api/alerts/{id}/update", Alert(random, $"{side.Name} alert updated {random.Next():x}", days: 3), cancellationToken);
        var end = random.Next(3) switch
        {
            0 => side.Desk.SendAsync(HttpMethod.Post, $"api/alerts/{id}/cancel", new { reason = "trials: false report" }, cancellationToken),
            1 => side.Desk.SendAsync(HttpMethod.Post, $"api/alerts/{id}/close", new { reason = "trials: passed" }, cancellationToken),
            _ => null,
        };
        var updated = await update;
        Tally(side, "alert update", updated.Status);
        if (end is not null)
        {
            Tally(side, "alert end", (await end).Status);
        }
    }

    private static async Task CreateRequestAsync(Side side, Random random, CancellationToken cancellationToken)
    {
        var due = TimeProvider.System.GetUtcNow().AddHours(random.Next(1, 48)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var request = await side.Desk.SendAsync(HttpMethod.Post, "api/requests", new
        {
            to = side.PartnerIdentity,
            kind = random.Next(2) == 0 ? "information" : "assistance",
            subject = $"{side.Name} request {random.Next():x}",
            questions = Questions,
            priority = random.Next(2) == 0 ? "routine" : "priority",
            due,
            tlp = "green",
        }, cancellationToken);
        Created(side, "request", request);
    }

    /// <summary>Acknowledges, answers or declines one of the partner's open requests.</summary>
    private static async Task RespondAsync(Side side, Random random, CancellationToken cancellationToken)
    {
        if (await PickAsync(side, "api/requests?direction=in&open=true&limit=20", random, cancellationToken) is not { } id)
        {
            return;
        }

        var (what, path, body) = random.Next(3) switch
        {
            0 => ("request acknowledgement", "acknowledge", (object?)null),
            1 => ("answer", "answer", new { text = "Two pickups stopped at post 14." }),
            _ => ("refusal", "decline", (object?)new { reason = "Not ours to answer." }),
        };
        Tally(side, what, (await side.Desk.SendAsync(HttpMethod.Post, $"api/requests/{id}/{path}", body, cancellationToken)).Status);
    }

    private static async Task WithdrawAsync(Side side, Random random, CancellationToken cancellationToken)
    {
        if (await PickAsync(side, "api/requests?direction=out&open=true&limit=20", random, cancellationToken) is { } id)
        {
            Tally(side, "withdrawal", (await side.Desk.SendAsync(HttpMethod.Post, $"api/requests/{id}/withdraw", null, cancellationToken)).Status);
        }
    }

    /// <summary>The id of one item of a desk list, at random; null when the list is empty.</summary>
    private static async Task<string?> PickAsync(Side side, string list, Random random, CancellationToken cancellationToken)
    {
        var page = await side.Desk.SendAsync(HttpMethod.Get, list, null, cancellationToken);
        var items = page.Body?["items"]?.AsArray();
        return items is null || items.Count == 0 ? null : items[random.Next(items.Count)]!["id"]!.GetValue<string>();
    }

    private static async Task AcknowledgeAsync(Side side, Random random, CancellationToken cancellationToken)
    {
        if (await PickAsync(side, "api/alerts?direction=received&open=true&limit=20", random, cancellationToken) is not { } id)
        {
            return;
        }

        var ack = await side.Desk.SendAsync(HttpMethod.Post, $"api/alerts/{id}/acknowledge", new { response = "seen", actionTaken = "patrol sent" }, cancellationToken);
        Tally(side, "acknowledgement", ack.Status);
    }

    private static async Task MessageAsync(Side side, Random random, CancellationToken cancellationToken)
    {
        if (side.Threads.IsEmpty || random.Next(10) == 0)
        {
            var thread = await side.Desk.SendAsync(HttpMethod.Post, "api/channel/threads", new
            {
                partner = side.PartnerIdentity,
                subject = $"{side.Name} thread {random.Next():x}",
                message = new { body = "opening the thread" },
            }, cancellationToken);
            if (thread.Status != HttpStatusCode.Created || thread.Body?["id"] is null)
            {
                Refuse(side, "thread", thread.Status);
                return;
            }

            side.Threads[thread.Body["id"]!.GetValue<string>()] = 0;
            side.Count("thread");
            return;
        }

        var id = Pick(side.Threads, random)!;
        var message = await side.Desk.SendAsync(HttpMethod.Post, $"api/channel/threads/{id}/messages", new { body = $"message {random.Next():x}" }, cancellationToken);
        if (message.Status != HttpStatusCode.Created || message.Body?["id"] is null)
        {
            Refuse(side, "message", message.Status);
            return;
        }

        side.Confirmed.Add(message.Body["id"]!.GetValue<string>());
        side.Count("message");
    }

    private static object Alert(Random random, string title, int days) => new
    {
        precedence = random.Next(2) == 0 ? "routine" : "priority",
        title,
        description = "trials",
        area = new { type = "Circle", latitude = 28.9 + random.NextDouble(), longitude = 61.5 + random.NextDouble(), radius = 2000 },
        validUntil = TimeProvider.System.GetUtcNow().AddDays(days).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        tlp = "green",
    };

    /// <summary>Counts a record the node answered 201 for, and keeps its id: it must be in the database at the end.</summary>
    private static void Created(Side side, string what, (HttpStatusCode Status, string? Location, System.Text.Json.Nodes.JsonNode? Body) answer)
    {
        if (answer.Status != HttpStatusCode.Created || answer.Location is null)
        {
            Refuse(side, what, answer.Status);
            return;
        }

        side.Confirmed.Add(answer.Location[(answer.Location.LastIndexOf('/') + 1)..]);
        side.Count(what);
    }

    private static object Incident(Random random, string tlp, string title) => new
    {
        title,
        description = "fault-injection trials",
        occurred = new { start = TimeProvider.System.GetUtcNow().AddDays(-2).ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture), precision = "day" },
        location = new { latitude = 26 + random.NextDouble(), longitude = 61 + random.NextDouble(), placeName = "trials" },
        category = "border-violation",
        tlp,
    };

    private static string? Pick(ConcurrentDictionary<string, byte> set, Random random)
    {
        var keys = set.Keys;
        return keys.Count == 0 ? null : keys.ElementAt(random.Next(keys.Count));
    }

    private static void Tally(Side side, string what, HttpStatusCode status)
    {
        if (status == HttpStatusCode.OK)
        {
            side.Count(what);
        }
        else
        {
            Refuse(side, what, status);
        }
    }

    private static void Refuse(Side side, string what, HttpStatusCode status)
    {
        // 409s are expected (a report retracted by the other client, an alert acknowledged twice); anything else is counted too.
        side.CountRefused();
        side.Count($"refused {what} {(int)status}");
    }
}
