using System.Globalization;
using System.Text.Json;
using Liaison.Exchange;
using Liaison.Features.Incidents;
using Liaison.Features.Officers;
using Liaison.Features.Parties;
using Liaison.Features.Sectors;
using Liaison.Http;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Demo;

/// <summary>
/// Fills a fresh demo node (the Pakistani side) with the Iran–Pakistan border: a partner party, sectors and
/// posts at approximate coordinates, both sides' rosters around today, named groups, and incident reports
/// drawn from public reporting of December 2023 – January 2024. Every record goes through the same
/// validators and entity methods as the API, so the demo cannot hold anything the API would refuse.
/// </summary>
/// <summary>The two demo parties.</summary>
public enum DemoSide
{
    Pakistan,
    Iran,
}

public static class DemoSeed
{
    public const string PakistanName = "Frontier Corps Balochistan — border liaison desk (demo)";

    public const string IranName = "Iran Border Guard — Sistan-Baluchestan (demo)";

    /// <summary>Units of the Iranian side's officers start with this (the Iranian demo node seeds them as its own roster).</summary>
    public const string PartnerUnitPrefix = "Iranian Border Guard";

    public const string SelfUnitPrefix = "Frontier Corps Balochistan";

    public sealed record Summary(int Sectors, int Posts, int Officers, int Shifts, int Incidents);

    private const string Disclaimer = "Demo data: approximate coordinates for illustration, not an agreed boundary line.";

    private sealed record SectorSeed(string Code, string Name, double[][] Line, string Self, string Partner, string Notes);

    private sealed record PostSeed(string Code, string Name, string Kind, double Lon, double Lat, string Sector, string Notes);

    // Border vertices (longitude, latitude), north to south, shared by neighbouring sectors so the line is continuous.
    private static readonly double[] Tripoint = [60.87, 29.85];
    private static readonly double[] TaftanMirjaveh = [61.55, 28.97];
    private static readonly double[] Mashkel = [61.95, 28.45];
    private static readonly double[] Jalq = [62.78, 27.55];
    private static readonly double[] Kuhak = [63.25, 27.05];
    private static readonly double[] PanjgurSouth = [62.80, 26.60];
    private static readonly double[] MandPishin = [61.86, 26.05];
    private static readonly double[] DashtRiver = [61.75, 25.70];
    private static readonly double[] GwadarBay = [61.60, 25.05];

    private static readonly SectorSeed[] Sectors =
    [
        new("TFT-MJV", "Taftan–Mirjaveh", [Tripoint, [61.15, 29.45], TaftanMirjaveh, Mashkel],
            "Frontier Corps Balochistan (North) — Taftan wing", "Iranian Border Guard regiment, Mirjaveh",
            $"Road and rail crossing on the Quetta–Zahedan route. {Disclaimer}"),
        new("MSK-JLQ", "Mashkel–Jalq", [Mashkel, [62.45, 28.05], Jalq],
            "Frontier Corps Balochistan (North) — Mashkel wing", "Iranian Border Guard regiment, Jalq",
            $"Desert stretch along the Mashkel basin; smuggling routes. {Disclaimer}"),
        new("SRV-PJG", "Saravan–Panjgur", [Jalq, [63.10, 27.25], Kuhak, PanjgurSouth],
            "Frontier Corps Balochistan (South) — Panjgur wing", "Iranian Border Guard regiment, Saravan",
            $"Saravan county faces Panjgur district; scene of the January 2024 strikes. {Disclaimer}"),
        new("MND-PSN", "Mand–Pishin", [PanjgurSouth, [62.25, 26.25], MandPishin, DashtRiver],
            "Frontier Corps Balochistan (South) — Mand wing", "Iranian Border Guard regiment, Pishin",
            $"Covers the Mand–Pishin crossing and, on the Iranian side, Rask county. {Disclaimer}"),
        new("GWD-CBH", "Gwadar–Chabahar coast", [DashtRiver, [61.65, 25.35], GwadarBay, [61.57, 24.90]],
            "Frontier Corps Balochistan (South) — coastal wing, Gwadar", "Iranian Border Guard regiment, Chabahar",
            $"Lower Dasht river to Gwadar Bay, including the Gabd–Rimdan crossing and the bay's mouth. {Disclaimer}"),
    ];

    private static readonly PostSeed[] Posts =
    [
        new("TFT-MJV-X", "Taftan–Mirjaveh crossing", "crossing", 61.56, 28.97, "TFT-MJV", "Main road and rail crossing."),
        new("TFT-N-BP", "Taftan north border post", "border-post", 61.30, 29.35, "TFT-MJV", "Observation post north of the crossing."),
        new("MSK-BP", "Mashkel border post", "border-post", 62.45, 28.03, "MSK-JLQ", "Patrol base for the Mashkel basin."),
        new("PJG-SRV-LO", "Panjgur/Saravan liaison office", "liaison-office", 63.12, 27.22, "SRV-PJG", "Joint liaison desk facing Saravan."),
        new("MND-PSN-X", "Mand–Pishin crossing", "crossing", 61.86, 26.05, "MND-PSN", "Crossing between Mand (Kech) and Pishin."),
        new("GBD-RMD-X", "Gabd–Rimdan crossing", "crossing", 61.64, 25.28, "GWD-CBH", "Coastal road crossing near Gwadar Bay."),
        new("JWN-BP", "Jiwani coastal post", "border-post", 61.74, 25.05, "GWD-CBH", "Watches the eastern shore of Gwadar Bay."),
        new("GWD-LO", "Gwadar liaison office", "liaison-office", 62.32, 25.13, "GWD-CBH", "Liaison desk for the coastal sector."),
    ];

    private static readonly string[] Groups = ["Jaish al-Adl", "Baloch Liberation Front", "Baloch Liberation Army", "Ansar al-Furqan"];

    /// <summary>Seeds the Pakistani side.</summary>
    public static Task<Summary> SeedAsync(LiaisonDbContext db, TimeProvider time, CancellationToken ct) => SeedAsync(db, time, DemoSide.Pakistan, ct);

    /// <summary>
    /// Adds the demo data in one transaction. Several SaveChanges calls sit inside it because the API's own
    /// validators look sectors and groups up in the database; either everything is committed or nothing is.
    /// The node issues the reports of <paramref name="side"/>; the other side's arrive by the exchange.
    /// </summary>
    /// <exception cref="InvalidOperationException">The node already has sectors, or a demo record fails validation.</exception>
    public static async Task<Summary> SeedAsync(LiaisonDbContext db, TimeProvider time, DemoSide side, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (await db.Sectors.AnyAsync(ct))
        {
            throw new InvalidOperationException("the node already has sectors; the demo seed only fills an empty node");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await Feed.BeginAsync(db, ct);
        var self = await db.Parties.SelfAsync(ct);

        var sectors = AddSectors(db, now);
        await db.SaveChangesAsync(ct);
        var posts = await AddPostsAsync(db, now, ct);
        var officers = await AddOfficersAsync(db, self, side, now, ct);
        await db.SaveChangesAsync(ct);
        var shifts = AddShifts(db, sectors, officers, now);
        var groups = await AddGroupsAsync(db, now, ct);
        await db.SaveChangesAsync(ct);
        var reports = await AddIncidentsAsync(db, self, side, groups, now, ct);
        await db.SaveChangesAsync(ct);
        // Published versions enter the shared store in the seed's transaction, as the API's writes do.
        foreach (var report in reports.Where(r => r.Status != IncidentStatus.Draft))
        {
            await Feed.ShareAsync(db, time, await IncidentSharing.OutgoingAsync(db, report, ct), ct);
        }

        // The roster is released to the partner like any edit on the desk would release it.
        await RosterSharing.ShareUnsharedAsync(db, time, ct);

        await transaction.CommitAsync(ct);
        var incidents = reports.Count;
        return new Summary(sectors.Count, posts, officers.Count, shifts, incidents);
    }

    /// <summary>
    /// Sets the hotline numbers of the other side's desk on this node's partner link, as the two administrators
    /// would after agreeing them by phone; run once the nodes are paired. Returns how many links it set.
    /// </summary>
    public static async Task<int> SetHotlinesAsync(LiaisonDbContext db, DemoSide side, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Numbers in the unallocated "000" block, as the officers' are: nobody real is ever reached.
        SetHotlines.Line[] lines = side == DemoSide.Pakistan
            ? [new("Zahedan border liaison desk, 24 h", "+98-000-0000-01"), new("Mirjaveh regiment operations room", "+98-000-0000-02")]
            : [new("Quetta border liaison desk, 24 h", "+92-000-0000-01"), new("Frontier Corps (South) operations room, Turbat", "+92-000-0000-02")];
        var validation = new Validation();
        var hotlines = SetHotlines.Check(new SetHotlines.Request([.. lines]), validation);
        ThrowIfInvalid(validation, "hotlines");
        var partners = await db.Partners.ToListAsync(ct);
        foreach (var partner in partners)
        {
            partner.SetHotlines(hotlines!);
        }

        await db.SaveChangesAsync(ct);
        return partners.Count;
    }

    private static List<Sector> AddSectors(LiaisonDbContext db, DateTime now)
    {
        var added = new List<Sector>();
        foreach (var seed in Sectors)
        {
            var validation = new Validation();
            var geometry = JsonSerializer.SerializeToElement(new { type = GeoJson.LineString, coordinates = seed.Line });
            var valid = SaveSector.Check(new SaveSector.Request(seed.Code, seed.Name, geometry, seed.Self, seed.Partner, seed.Notes), validation);
            ThrowIfInvalid(validation, $"sector {seed.Code}");
            var sector = new Sector(valid!.Value.Code, valid.Value.Details, now);
            db.Sectors.Add(sector);
            added.Add(sector);
        }

        return added;
    }

    private static async Task<int> AddPostsAsync(LiaisonDbContext db, DateTime now, CancellationToken ct)
    {
        foreach (var seed in Posts)
        {
            var validation = new Validation();
            var geometry = JsonSerializer.SerializeToElement(new { type = GeoJson.Point, coordinates = new[] { seed.Lon, seed.Lat } });
            var valid = await SavePost.CheckAsync(new SavePost.Request(seed.Code, seed.Name, seed.Kind, geometry, seed.Sector, seed.Notes), db, validation, ct);
            ThrowIfInvalid(validation, $"post {seed.Code}");
            db.Posts.Add(new Post(valid!.Value.Code, valid.Value.Details, now));
        }

        return Posts.Length;
    }

    /// <summary>Who holds which rung of the ladder on one side of one sector (a null sector means the side's head of desk).</summary>
    private sealed record Posting(Officer Officer, bool Partner, string? Sector, DutyRole Role, int Rota);

    private static readonly string[] SelfNames =
    [
        "Kamran Akhtar", "Bilal Hussain", "Naveed Iqbal", "Saqib Raza", "Faisal Mahmood", "Tariq Jamali", "Usman Ghani",
        "Shahid Nawaz", "Adnan Qureshi", "Hamza Tareen", "Zubair Ahmed", "Junaid Kakar", "Waqas Anwar", "Sohail Dashti",
        "Rizwan Haider", "Arif Lashari", "Yasir Khan", "Omar Farooq", "Danish Ali", "Irfan Shah", "Khalid Rehman",
    ];

    private static readonly string[] PartnerNames =
    [
        "Reza Karimi", "Hossein Rahimi", "Mehdi Ahmadi", "Amir Shahraki", "Javad Mirzaei", "Hamid Sarani", "Morteza Jafari",
        "Mohsen Heidari", "Vahid Rostami", "Davood Kiani", "Majid Nazari", "Kazem Moradi", "Nasser Sohrabi", "Farhad Ebrahimi",
        "Behrouz Azizi", "Yousef Dehvari", "Abbas Talebi", "Masoud Rezaei", "Hadi Safari", "Ebrahim Amini", "Saeed Parsa",
    ];

    // Only the roster of the side this node serves: each party releases its own roster to the partner (DESIGN §1),
    // so the other side's officers and shifts arrive over the exchange from its own node. "partner" below means the
    // Iranian side, whichever node seeds it.
    private static async Task<List<Posting>> AddOfficersAsync(LiaisonDbContext db, Party self, DemoSide side, DateTime now, CancellationToken ct)
    {
        var postings = new List<Posting>();
        foreach (var partner in new[] { side == DemoSide.Iran })
        {
            var names = new Queue<string>(partner ? PartnerNames : SelfNames);
            for (var i = 0; i < Sectors.Length; i++)
            {
                var sector = Sectors[i];
                var unit = partner ? sector.Partner : sector.Self;
                postings.Add(await OfficerAsync(names.Dequeue(), partner, i, 1, sector.Code, unit, DutyRole.DutyOfficer, 0));
                postings.Add(await OfficerAsync(names.Dequeue(), partner, i, 2, sector.Code, unit, DutyRole.DutyOfficer, 1));
                postings.Add(await OfficerAsync(names.Dequeue(), partner, i, 3, sector.Code, unit, DutyRole.Supervisor, 0));
                postings.Add(await OfficerAsync(names.Dequeue(), partner, i, 4, sector.Code, unit, DutyRole.Supervisor, 1));
            }

            var desk = partner ? $"{PartnerUnitPrefix} — Sistan-Baluchestan border liaison desk, Zahedan" : $"{SelfUnitPrefix} — border liaison desk, Quetta";
            postings.Add(await OfficerAsync(names.Dequeue(), partner, 9, 9, null, desk, DutyRole.HeadOfDesk, 0));
        }

        return postings;

        async Task<Posting> OfficerAsync(string name, bool partner, int sectorIndex, int seat, string? sector, string unit, DutyRole role, int rota)
        {
            var rank = (partner, role, rota) switch
            {
                (false, DutyRole.DutyOfficer, 0) => "Captain",
                (false, DutyRole.DutyOfficer, _) => "Lieutenant",
                (false, DutyRole.Supervisor, _) => "Major",
                (false, _, _) => "Lieutenant Colonel",
                (true, DutyRole.DutyOfficer, 0) => "Captain (Sarvan)",
                (true, DutyRole.DutyOfficer, _) => "First Lieutenant (Sotvan-e Yekom)",
                (true, DutyRole.Supervisor, _) => "Major (Sargord)",
                (true, _, _) => "Colonel (Sarhang)",
            };
            string[] languages = partner ? ["fa", "bal", "en"] : ["ur", "bal", "en"];
            // Numbers in the unallocated "000" block, e-mail under .invalid (RFC 2606 §2): nobody real is ever reached.
            var number = string.Create(CultureInfo.InvariantCulture, $"{(partner ? "+98" : "+92")}-000-{sectorIndex + 1:D2}{seat:D2}-0{rota}");
            var slug = (sector ?? "desk").ToLowerInvariant();
            var radio = sector is null
                ? (partner ? "IRBG desk net" : "FC desk net")
                : string.Create(CultureInfo.InvariantCulture, $"{(partner ? "IRBG" : "FC")} {sector} net {(role == DutyRole.DutyOfficer ? 1 : 2)}");
            var mail = string.Create(CultureInfo.InvariantCulture, $"{slug}.{seat}@{(partner ? "ir" : "pk")}-desk.demo.invalid");
            var request = new SaveOfficer.Request(name, rank, unit, sector, [.. languages],
                [new("phone", number), new("radio", radio), new("email", mail)]);
            var validation = new Validation();
            var details = await SaveOfficer.CheckAsync(request, db, validation, ct);
            ThrowIfInvalid(validation, $"officer {name}");
            var officer = new Officer(self, details!, now);
            db.Officers.Add(officer);
            return new Posting(officer, partner, sector, role, rota);
        }
    }

    /// <summary>
    /// Shifts covering yesterday, today and tomorrow (UTC) on both sides of every sector. Watches change at
    /// 03:00 and 15:00 UTC (08:00 and 20:00 in Pakistan, 06:30 and 18:30 in Iran); the supervisor's day
    /// starts at 03:00 and the head of desk is on call throughout, so every sector always has a full ladder.
    /// </summary>
    private static int AddShifts(LiaisonDbContext db, List<Sector> sectors, List<Posting> postings, DateTime now)
    {
        var first = now.Date.AddDays(-2).AddHours(3);
        var last = now.Date.AddDays(2).AddHours(3);
        var count = 0;
        foreach (var sector in sectors)
        {
            foreach (var partner in postings.Select(p => p.Partner).Distinct())
            {
                var side = postings.Where(p => p.Partner == partner && p.Sector == sector.Code).ToList();
                for (var (start, watch) = (first, 0); start < last; start = start.AddHours(12), watch++)
                {
                    Add(side.Single(p => p.Role == DutyRole.DutyOfficer && p.Rota == watch % 2), start, start.AddHours(12));
                }

                for (var (start, day) = (first, 0); start < last; start = start.AddDays(1), day++)
                {
                    Add(side.Single(p => p.Role == DutyRole.Supervisor && p.Rota == day % 2), start, start.AddDays(1));
                }

                Add(postings.Single(p => p.Partner == partner && p.Role == DutyRole.HeadOfDesk), first, last);
            }

            void Add(Posting posting, DateTime start, DateTime end)
            {
                db.DutyShifts.Add(new DutyShift(posting.Officer, sector, posting.Role, start, end, now));
                count++;
            }
        }

        return count;
    }

    private static async Task<Dictionary<string, string>> AddGroupsAsync(LiaisonDbContext db, DateTime now, CancellationToken ct)
    {
        // A group someone already entered by hand is linked, not duplicated: names are unique.
        var existing = await db.NamedGroups.Where(g => !g.IsReceived && Groups.Contains(g.Name)).ToDictionaryAsync(g => g.Name, g => g.StixId, StringComparer.Ordinal, ct);
        foreach (var name in Groups.Where(n => !existing.ContainsKey(n)))
        {
            var group = new NamedGroup(name, IntrusionSet.TypeName, [], "Named in public reporting on Sistan-Baluchestan and Balochistan (demo).", now);
            db.NamedGroups.Add(group);
            existing[name] = group.StixId;
        }

        return existing;
    }

    /// <summary>The reports of the side this node serves; the other side's come over the exchange from its own node.</summary>
    private static async Task<List<IncidentReport>> AddIncidentsAsync(LiaisonDbContext db, Party self, DemoSide side, Dictionary<string, string> groups, DateTime now, CancellationToken ct)
    {
        const string OurDesk = "demo-analyst";
        var jaishAlAdl = groups["Jaish al-Adl"];
        var earlier = now.AddMinutes(-30);
        IReadOnlyList<string> toPartner = [];
        var reports = new List<IncidentReport>();
        var iran = side == DemoSide.Iran;

        var raskAttack = await ContentAsync("rask-attack", new IncidentInput
        {
            Title = "Militant attack on the police station in Rask",
            Description = "Gunmen stormed the police station in Rask town before dawn; at least eleven police officers were reported killed. Jaish al-Adl was named as responsible.",
            Occurred = Day("2023-12-15"),
            Location = new PlaceInput(26.24, 61.40, "Rask, Sistan-Baluchestan", "MND-PSN"),
            Category = "attack-on-security-forces",
            Casualties = new Casualties(SecurityForces: new Count(Killed: 11)),
            Perpetrators = new Actors("Jaish al-Adl", [jaishAlAdl]),
            Targets = new Actors("Police station, Rask"),
            Sources = [new SourceInput("IRNA", null, null), new SourceInput("news report, 31 Jan 2024", null, "2024-01-31T00:00:00Z")],
            Reliability = "B",
            Credibility = 2,
            Tlp = "green",
        });
        if (iran)
        {
            Publish(IncidentReport.Draft(self, raskAttack, OurDesk, earlier), OurDesk, earlier);
        }


        var panjgurStrike = await ContentAsync("panjgur-strike", new IncidentInput
        {
            Title = "Iranian missile and drone strikes in Panjgur district",
            Description = "Iran struck targets it described as Jaish al-Adl bases inside Pakistan, in Panjgur district near the border. Two children were reported killed. Pakistan protested the violation of its airspace and recalled its ambassador.",
            Occurred = Day("2024-01-16"),
            Location = new PlaceInput(26.95, 63.30, "Panjgur district, Balochistan (near the border)", "SRV-PJG"),
            Category = "cross-border-strike",
            Casualties = new Casualties(Civilians: new Count(Killed: 2)),
            Perpetrators = new Actors("Iranian armed forces (missiles and drones)"),
            Targets = new Actors("Jaish al-Adl, as named by Iran", [jaishAlAdl]),
            Sources = [new SourceInput("Pakistan Foreign Office statement", null, null), new SourceInput("IRNA", null, null)],
            Reliability = "A",
            Credibility = 2,
            Tlp = "green",
            Recipients = toPartner,
        });
        if (!iran)
        {
            Publish(IncidentReport.Draft(self, panjgurStrike, OurDesk, earlier), OurDesk, earlier);
        }


        var saravanStrikes = await ContentAsync("saravan-strikes", new IncidentInput
        {
            Title = "Pakistani strikes near Saravan",
            Description = "Pakistan struck what it called hideouts of the Baloch Liberation Front and the Baloch Liberation Army in Sistan-Baluchestan, near Saravan. Nine people were reported killed, four of them children.",
            Occurred = Day("2024-01-18"),
            Location = new PlaceInput(27.37, 62.33, "Saravan area, Sistan-Baluchestan", "SRV-PJG"),
            Category = "cross-border-strike",
            Casualties = new Casualties(Unknown: new Count(Killed: 9)),
            Perpetrators = new Actors("Pakistani armed forces"),
            Targets = new Actors("Baloch Liberation Front and Baloch Liberation Army, as named by Pakistan", [groups["Baloch Liberation Front"], groups["Baloch Liberation Army"]]),
            Sources = [new SourceInput("IRNA", null, null), new SourceInput("news report, 31 Jan 2024", null, "2024-01-31T00:00:00Z")],
            Reliability = "B",
            Credibility = 2,
            Tlp = "green",
        });
        if (iran)
        {
            Publish(IncidentReport.Draft(self, saravanStrikes, OurDesk, earlier), OurDesk, earlier);
        }


        // Published on first reports, then revised once later reporting corroborated the toll: the history shows both.
        var workersFirst = new IncidentInput
        {
            Title = "Pakistani workers shot dead near Saravan",
            Description = "Nine Pakistani labourers were reported shot dead by unidentified gunmen in Sistan-Baluchestan, near the border. Toll from first reports.",
            Occurred = Day("2024-01-27"),
            Location = new PlaceInput(27.35, 62.35, "Near Saravan, Sistan-Baluchestan", "SRV-PJG"),
            Category = "attack-on-civilians",
            Casualties = new Casualties(Civilians: new Count(Killed: 9)),
            Perpetrators = new Actors("Unidentified gunmen"),
            Targets = new Actors("Pakistani workers"),
            Sources = [new SourceInput("news report, 27 Jan 2024", null, "2024-01-27T00:00:00Z")],
            Reliability = "C",
            Credibility = 3,
            Tlp = "amber",
            Recipients = toPartner,
        };
        var workers = IncidentReport.Draft(self, await ContentAsync("workers", workersFirst), OurDesk, earlier);
        if (!iran)
        {
            Publish(workers, OurDesk, earlier);
        }

        var workersConfirmed = await ContentAsync("workers (revision)", workersFirst with
        {
            Description = "Nine Pakistani labourers were shot dead by unidentified gunmen in Sistan-Baluchestan, near the border. The toll of nine was corroborated by later reporting; no group was named.",
            Sources = [.. workersFirst.Sources!, new SourceInput("news report, 31 Jan 2024", null, "2024-01-31T00:00:00Z")],
            Reliability = "B",
            Credibility = 2,
        });
        if (!iran)
        {
            workers.Revise(workersConfirmed, OurDesk, now);
        }


        var raskClash = await ContentAsync("rask-clash", new IncidentInput
        {
            Title = "Armed clash with Ansar al-Furqan in Rask County",
            Description = "Border guards clashed with Ansar al-Furqan militants in Rask County; one member of the group was reported killed. Who opened fire was not reported.",
            Occurred = Day("2024-01-30"),
            Location = new PlaceInput(26.20, 61.45, "Rask County, Sistan-Baluchestan", "MND-PSN"),
            Category = "armed-clash",
            Casualties = new Casualties(Militants: new Count(Killed: 1)),
            Perpetrators = new Actors("Ansar al-Furqan", [groups["Ansar al-Furqan"]]),
            Targets = new Actors("Iranian border guards"),
            Sources = [new SourceInput("news report, 31 Jan 2024", null, "2024-01-31T00:00:00Z")],
            Reliability = "B",
            Credibility = 3,
            Tlp = "green",
        });
        if (iran)
        {
            Publish(IncidentReport.Draft(self, raskClash, OurDesk, earlier), OurDesk, earlier);
        }


        // Not from reporting: an exercise record, so the desk shows a draft awaiting an analyst.
        var draft = await ContentAsync("exercise draft", new IncidentInput
        {
            Title = "Exercise: unidentified movement reported near the Mand–Pishin crossing",
            Description = "Fictitious record for the demo, not from public reporting. A patrol reported vehicles moving without lights; awaiting confirmation before publishing.",
            Occurred = Day("2024-01-31"),
            Location = new PlaceInput(26.07, 61.90, "Mand–Pishin crossing", "MND-PSN"),
            Category = "border-violation",
            Reliability = "F",
            Credibility = 6,
            Tlp = "amber",
        });
        var exercise = IncidentReport.Draft(self, draft, OurDesk, now);
        db.Incidents.Add(exercise);
        reports.Add(exercise);

        if (!iran)
        {
            // The desk entered the 16 January strike twice; the copy is retracted with its reason, never deleted.
            var duplicate = IncidentReport.Draft(self, panjgurStrike, OurDesk, earlier);
            Publish(duplicate, OurDesk, earlier);
            duplicate.Retract("Duplicate of the report of the 16 January 2024 strikes in Panjgur district; entered twice by the desk.", OurDesk, now);
        }

        return reports;

        void Publish(IncidentReport report, string by, DateTime at)
        {
            report.Publish(by, at);
            db.Incidents.Add(report);
            reports.Add(report);
        }

        async Task<IncidentContent> ContentAsync(string what, IncidentInput input)
        {
            var validation = new Validation();
            var content = await IncidentValidation.ValidateAsync(input, db, now, validation, ct);
            ThrowIfInvalid(validation, $"incident '{what}'");
            return content!;
        }

        static OccurrenceInput Day(string date) => new($"{date}T00:00:00Z", null, "day");
    }

    private static void ThrowIfInvalid(Validation validation, string what)
    {
        if (validation.IsValid)
        {
            return;
        }

        var errors = validation.Problem().ProblemDetails.Errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}");
        throw new InvalidOperationException($"demo {what} is invalid: {string.Join(", ", errors)}");
    }
}
