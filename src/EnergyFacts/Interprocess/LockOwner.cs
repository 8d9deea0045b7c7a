using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace EnergyFacts.Interprocess;

/// <summary>
/// Who holds a lock, as its holder records it in the sidecar file next to the lock file (<c>&lt;lock&gt;.owner</c>):
/// <c>pid=</c>, <c>holder=</c> and <c>since=</c> lines, readable by people and by waiting processes. The record is
/// information only; the operating system's lock on the lock file decides who holds it.
/// </summary>
internal sealed record LockOwner(int ProcessId, string Description, DateTimeOffset Since)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>This process, now, described by <paramref name="description"/> on one line.</summary>
    public static LockOwner OfThisProcess(string description) =>
        new(Environment.ProcessId, OneLine(description), DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    /// <summary>The sidecar file of <paramref name="lockPath"/>.</summary>
    public static string SidecarOf(string lockPath) => lockPath + ".owner";

    /// <summary><c>pid 1234 (description) since 2025-01-31T12:00:00Z</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"pid {ProcessId} ({Description}) since {Since.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}");

    /// <summary>Whether the recorded process still runs; a record left by a killed holder names one that does not.</summary>
    public bool IsRunning()
    {
        if (ProcessId == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Writes the record to <paramref name="path"/> whole (through a temporary file and a rename), or not at all.</summary>
    /// <returns>Whether it was written; a sidecar that cannot be written only leaves waiters less informed.</returns>
    public bool TryWrite(string path)
    {
        var temporary = string.Create(CultureInfo.InvariantCulture, $"{path}.{ProcessId}.tmp");
        try
        {
            File.WriteAllText(temporary, Serialize(), Encoding.UTF8);
            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return false;
        }
    }

    /// <summary>The record in <paramref name="path"/>, or <see langword="null"/> when there is none or it is unreadable.</summary>
    public static LockOwner? TryRead(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var fields = lines.Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return fields.TryGetValue("pid", out var pid) && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
            && fields.TryGetValue("holder", out var description)
            && fields.TryGetValue("since", out var since)
            && DateTimeOffset.TryParseExact(since, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sinceTime)
            ? new LockOwner(processId, description, sinceTime)
            : null;
    }

    /// <summary>Deletes <paramref name="path"/> if it can; a leftover sidecar is overwritten by the next holder.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next holder to overwrite; waiters check that the pid it names still runs.
        }
    }

    private string Serialize() =>
        string.Create(CultureInfo.InvariantCulture, $"pid={ProcessId}\nholder={Description}\nsince={Since.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}\n");

    private static string OneLine(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c)).Trim();
}
