namespace Liaison.Bench;

/// <summary>What the figures were measured on, read from <c>/proc</c> where there is one.</summary>
internal static class Machine
{
    public static string Cpu()
    {
        const string info = "/proc/cpuinfo";
        return File.Exists(info)
            ? File.ReadLines(info).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
    }

    public static double MemoryGib()
    {
        const string info = "/proc/meminfo";
        var line = File.Exists(info) ? File.ReadLines(info).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024;
    }
}
