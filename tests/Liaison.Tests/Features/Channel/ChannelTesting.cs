using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Channel;

internal static class ChannelTesting
{
    public static object NewThread(string partner, string subject = "Joint patrol at Taftan, Friday", string body = "Can your post confirm the meeting point?", string? priority = null) =>
        new { partner, subject, message = new { body, priority } };

    public static async Task<JsonElement> StartAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/channel/threads", request);
        await Expect.StatusAsync(System.Net.HttpStatusCode.Created, response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string thread, string body, string? priority = null)
    {
        var response = await client.PostAsJsonAsync($"/api/channel/threads/{thread}/messages", new { body, priority });
        await Expect.StatusAsync(System.Net.HttpStatusCode.Created, response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<JsonElement> ThreadAsync(HttpClient client, string thread) =>
        client.GetFromJsonAsync<JsonElement>($"/api/channel/threads/{thread}");

    public static IReadOnlyList<JsonElement> Messages(JsonElement thread) => [.. thread.GetProperty("messages").EnumerateArray()];

    public static LiaisonMessage PartnerMessage(Party from, string threadRef, int sequence, DateTimeOffset written, string body = "Confirmed: 0900 at the gate.") => new()
    {
        Id = StixId.NewRandom(LiaisonMessage.TypeName),
        Created = written,
        Modified = written,
        CreatedByRef = StixId.Parse(from.StixId),
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        ThreadRef = threadRef,
        Subject = "Joint patrol at Taftan, Friday",
        Sequence = sequence,
        Priority = "normal",
        Body = body,
        Written = written,
        Author = "Captain Reza Karimi",
        AuthorRole = "Liaison officer",
    };
}
