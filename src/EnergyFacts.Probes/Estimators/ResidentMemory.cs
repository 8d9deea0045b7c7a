using Microsoft.Win32.SafeHandles;

namespace EnergyFacts.Probes.Estimators;

/// <summary>Resident memory (RSS) of this process.</summary>
internal interface IResidentMemory
{
    /// <summary>Where the figure comes from, for legends.</summary>
    string Origin { get; }

    /// <summary>Reads the resident set in bytes; false when the read failed.</summary>
    bool TryReadBytes(out long residentBytes);
}

/// <summary>
/// The second field of <c>/proc/self/statm</c> (resident pages) × page size, read through a handle kept open and a stack
/// buffer, so a read allocates nothing.
/// </summary>
internal sealed class ProcStatmResidentMemory : IResidentMemory, IDisposable
{
    private readonly SafeFileHandle handle;
    private readonly long pageBytes = Environment.SystemPageSize;

    public ProcStatmResidentMemory(string path = "/proc/self/statm")
    {
        handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
    }

    public string Origin => "/proc/self/statm resident pages";

    public bool TryReadBytes(out long residentBytes)
    {
        residentBytes = 0;
        Span<byte> buffer = stackalloc byte[128];
        int length;
        try
        {
            length = RandomAccess.Read(handle, buffer, 0);
        }
        catch (IOException)
        {
            return false;
        }

        // "size resident shared text lib data dt": skip the first field, parse the second.
        var text = buffer[..length];
        var space = text.IndexOf((byte)' ');
        if (space < 0)
        {
            return false;
        }

        long pages = 0;
        var digits = 0;
        foreach (var b in text[(space + 1)..])
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                break;
            }

            pages = (pages * 10) + (b - '0');
            digits++;
        }

        residentBytes = pages * pageBytes;
        return digits > 0;
    }

    public void Dispose() => handle.Dispose();
}

/// <summary>Portable fallback: <see cref="Environment.WorkingSet"/>.</summary>
internal sealed class WorkingSetResidentMemory : IResidentMemory
{
    public string Origin => "Environment.WorkingSet";

    public bool TryReadBytes(out long residentBytes)
    {
        residentBytes = Environment.WorkingSet;
        return residentBytes > 0;
    }
}
