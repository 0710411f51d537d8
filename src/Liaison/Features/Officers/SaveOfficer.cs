using System.Net.Mail;
using System.Text.RegularExpressions;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Features.Sectors;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Officers;

/// <summary>Adds an officer to the roster, or revises one.</summary>
public static partial class SaveOfficer
{
    public sealed record Contact(string? Kind, string? Value);

    /// <summary><c>sector</c> is a sector code; <c>languages</c> are BCP 47 tags; contact kinds are phone, radio, email.</summary>
    public sealed record Request(string? FullName, string? Rank, string? Unit, string? Sector, List<string?>? Languages, List<Contact?>? Contacts);

    private static readonly Dictionary<string, ContactKind> Kinds = new(StringComparer.Ordinal)
    {
        ["phone"] = ContactKind.Phone,
        ["radio"] = ContactKind.Radio,
        ["email"] = ContactKind.Email,
    };

    public static string KindName(ContactKind kind) => Kinds.Single(k => k.Value == kind).Key;

    /// <summary>Digits, spaces, brackets and dashes, optionally after a leading +: what the desk can dial.</summary>
    public static bool IsPhoneNumber(string? value) => value is not null && PhoneNumber().IsMatch(value);

    public static async Task<OfficerDetails?> CheckAsync(Request request, LiaisonDbContext db, Validation validation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(validation);
        validation.Require("fullName", request.FullName, 200);
        var rank = Optional(request.Rank, "rank", 100, validation);
        var unit = Optional(request.Unit, "unit", 200, validation);
        Sector? sector = null;
        if (!string.IsNullOrWhiteSpace(request.Sector))
        {
            sector = await db.Sectors.ByCodeAsync(request.Sector, cancellationToken);
            validation.When(sector is null, "sector", $"no sector has the code '{request.Sector}'");
        }

        var languages = new List<string>();
        foreach (var (tag, i) in (request.Languages ?? []).Select((t, i) => (t, i)))
        {
            if (tag is null || !LanguageTag().IsMatch(tag))
            {
                validation.Add($"languages[{i}]", "must be a BCP 47 language tag, e.g. fa, ur, en, bal");
            }
            else if (!languages.Contains(NormalizeTag(tag)))
            {
                languages.Add(NormalizeTag(tag));
            }
        }

        var contacts = new List<ContactChannel>();
        foreach (var (contact, i) in (request.Contacts ?? []).Select((c, i) => (c, i)))
        {
            if (CheckContact(contact, $"contacts[{i}]", validation) is { } channel)
            {
                contacts.Add(channel);
            }
        }

        return validation.IsValid ? new OfficerDetails(request.FullName!.Trim(), rank, unit, sector, languages, contacts) : null;
    }

    public static async Task<Results<Created<OfficerView>, ValidationProblem>> CreateAsync(
        Request request, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (await CheckAsync(request, db, validation, cancellationToken) is not { } details)
        {
            return validation.Problem();
        }

        // The API and the desk only add officers of this node's own party; the partner's arrive through the exchange.
        var self = await db.Parties.SelfAsync(cancellationToken);
        var officer = new Officer(self, details, time.GetUtcNow().UtcDateTime);
        db.Officers.Add(officer);
        await db.SaveAndShareAsync(time, ct => RosterSharing.OfficerAsync(db, officer, null, ct), cancellationToken);
        return TypedResults.Created($"/api/officers/{officer.Id}", OfficerView.Of(officer));
    }

    public static async Task<Results<Ok<OfficerView>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        int id, Request request, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        // Read under the write lock, like every change that shares a version (Feed.CommitAndShareAsync): a delete or
        // an edit committed a moment ago is seen here, never overwritten or deleted twice.
        await using var transaction = await Feed.BeginAsync(db, cancellationToken);
        var officer = await db.Officers.Include(o => o.Sector).Include(o => o.Party).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (officer is null)
        {
            return TypedResults.NotFound();
        }

        if (!officer.Party.IsSelf)
        {
            return PartnerRoster.ReadOnly($"Officer {id}", officer.Party);
        }

        var validation = new Validation();
        if (await CheckAsync(request, db, validation, cancellationToken) is not { } details)
        {
            return validation.Problem();
        }

        officer.Revise(details, time.GetUtcNow().UtcDateTime);
        await db.CommitAndShareAsync(transaction, time, ct => RosterSharing.OfficerAsync(db, officer, null, ct), cancellationToken);
        return TypedResults.Ok(OfficerView.Of(officer));
    }

    private static ContactChannel? CheckContact(Contact? contact, string field, Validation validation)
    {
        if (contact is null)
        {
            validation.Add(field, "must be an object with kind and value");
            return null;
        }

        if (contact.Kind is null || !Kinds.TryGetValue(contact.Kind, out var kind))
        {
            validation.Add($"{field}.kind", $"must be one of {string.Join(", ", Kinds.Keys)}");
            return null;
        }

        var value = contact.Value?.Trim();
        var valid = kind switch
        {
            ContactKind.Phone => value is not null && PhoneNumber().IsMatch(value),
            ContactKind.Email => value is not null && value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value,
            _ => !string.IsNullOrWhiteSpace(value) && value.Length <= 100,
        };
        if (!valid)
        {
            validation.Add($"{field}.value", kind switch
            {
                ContactKind.Phone => "must be a phone number, e.g. +92 81 1234567",
                ContactKind.Email => "must be an e-mail address",
                _ => "must name the radio channel (at most 100 characters)",
            });
            return null;
        }

        return new ContactChannel(kind, value!);
    }

    private static string? Optional(string? value, string field, int maxLength, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        validation.When(trimmed.Length > maxLength, field, $"must be at most {maxLength} characters");
        return trimmed;
    }

    /// <summary>Canonical case from RFC 5646 §2.1.1: language lower, script title, region upper.</summary>
    private static string NormalizeTag(string tag) => string.Join('-', tag.Split('-').Select((part, i) => i == 0
        ? part.ToLowerInvariant()
        : part.Length == 4 && char.IsAsciiLetter(part[0])
            ? char.ToUpperInvariant(part[0]) + part[1..].ToLowerInvariant()
            : part.Length == 2 ? part.ToUpperInvariant() : part.ToLowerInvariant()));

    // Well-formed language tags (RFC 5646 §2.1), without grandfathered and private-use forms.
    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{2,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNumber();
}
