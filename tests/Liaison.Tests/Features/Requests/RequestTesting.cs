using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Features.Parties;
using Liaison.Features.Requests;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Features.Requests;

/// <summary>Request bodies as the desk sends them, and requests and responses as a partner's node would issue them.</summary>
internal static class RequestTesting
{
    public static JsonObject Valid(string to, string due = "2026-11-28T12:00:00Z", string subject = "Vehicles seen at the Mirjaveh crossing") => new()
    {
        ["to"] = to,
        ["kind"] = "information",
        ["subject"] = subject,
        ["questions"] = new JsonArray("Were two pickups stopped on your side on 27 November?", "Who is the officer in charge at post 14?"),
        ["priority"] = "priority",
        ["due"] = due,
        ["tlp"] = "amber",
    };

    public static async Task<JsonElement> CreateAsync(HttpClient client, JsonObject body)
    {
        var response = await client.PostAsJsonAsync("/api/requests", body);
        await Expect.StatusAsync(HttpStatusCode.Created, response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A partner's request addressed to this node's party, as its node would issue it.</summary>
    public static LiaisonRequest PartnerRequest(Party from, DateTimeOffset now, TimeSpan dueIn, string? id = null, string status = "open", DateTimeOffset? modified = null) => new()
    {
        Id = id is null ? StixId.NewRandom(LiaisonRequest.TypeName) : StixId.Parse(id),
        Created = now,
        Modified = modified ?? now,
        CreatedByRef = StixId.Parse(from.StixId),
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        Kind = "assistance",
        Subject = "Help to trace a stolen lorry",
        Questions = ["Has a white lorry, plate 12-345, crossed at Taftan since Monday?"],
        Priority = "immediate",
        Due = now + dueIn,
        Status = status,
    };

    /// <summary>A partner's response to one of this node's requests, as its node would issue it.</summary>
    public static LiaisonResponse PartnerResponse(Party from, string requestId, string type, DateTimeOffset at, string? text = null, string? reason = null, IReadOnlyList<StixId>? refs = null) => new()
    {
        Id = type == "acknowledged" ? RequestStix.AcknowledgementIdOf(requestId, from.StixId) : RequestStix.ResponseIdOf(requestId, from.StixId),
        Created = at,
        Modified = at,
        CreatedByRef = StixId.Parse(from.StixId),
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        RequestRef = StixId.Parse(requestId),
        ResponseType = type,
        Text = text,
        Reason = reason,
        RecordRefs = refs,
        RespondedBy = "Captain Reza Karimi",
    };

    /// <summary>Runs the request due work once, as the due-work timer does on each tick.</summary>
    public static async Task<int> RunDeadlinesAsync(TestNode node)
    {
        using var scope = node.Services.CreateScope();
        var work = scope.ServiceProvider.GetServices<Liaison.Timers.IDueWork>().OfType<RequestDeadlines>().Single();
        return await work.RunDueAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), node.Time.GetUtcNow().UtcDateTime, default);
    }

    public static async Task<List<string>> TimelineAsync(HttpClient client, string id) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/requests/{id}/timeline")).EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)];

    public static async Task<List<string?>> IdsAsync(HttpClient client, string query) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/requests?{query}")).GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString())];
}
