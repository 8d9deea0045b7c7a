using Microsoft.Win32.SafeHandles;

namespace EnergyFacts.Probes.Rapl;

/// <summary>An open cumulative counter file holding one unsigned decimal integer (powercap <c>energy_uj</c>).</summary>
internal interface ICounterFile : IDisposable
{
    /// <summary>Reads the value from offset 0; false when the read failed or the content is not an integer.</summary>
    bool TryRead(out ulong value);
}

/// <summary>Opens counter files; tests substitute one to simulate permission errors or vanished files.</summary>
internal interface ICounterFileOpener
{
    /// <summary>Opens <paramref name="path"/> for repeated reads.</summary>
    /// <exception cref="UnauthorizedAccessException">The file exists but may not be read.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    ICounterFile Open(string path);
}

/// <summary>The real opener: a handle kept open for the whole run.</summary>
internal sealed class SysfsCounterFileOpener : ICounterFileOpener
{
    public static SysfsCounterFileOpener Instance { get; } = new();

    public ICounterFile Open(string path) => new SysfsCounterFile(path);
}

/// <summary>
/// A sysfs counter read with <c>pread(fd, buf, n, 0)</c> into a stack buffer: sysfs regenerates the text on every read at
/// offset 0, and nothing is allocated per read.
/// </summary>
internal sealed class SysfsCounterFile : ICounterFile
{
    private readonly SafeFileHandle handle;

    public SysfsCounterFile(string path)
    {
        handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
    }

    public bool TryRead(out ulong value)
    {
        Span<byte> buffer = stackalloc byte[32];
        int length;
        try
        {
            length = RandomAccess.Read(handle, buffer, 0);
        }
        catch (IOException)
        {
            // ENODEV after the driver is unloaded, EIO from a failing MSR read.
            value = 0;
            return false;
        }
        catch (ObjectDisposedException)
        {
            value = 0;
            return false;
        }

        return TryParse(buffer[..length], out value);
    }

    /// <summary>Parses leading ASCII digits (optionally preceded by spaces), requiring at least one, then only whitespace.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> text, out ulong value)
    {
        value = 0;
        var i = 0;
        while (i < text.Length && text[i] == (byte)' ')
        {
            i++;
        }

        var digits = 0;
        for (; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9'; i++, digits++)
        {
            var next = (value * 10) + (ulong)(text[i] - '0');
            if (digits >= 19 && next / 10 != value)
            {
                return false; // overflow
            }

            value = next;
        }

        for (; i < text.Length; i++)
        {
            if (text[i] is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0))
            {
                return false;
            }
        }

        return digits > 0;
    }

    public void Dispose() => handle.Dispose();
}
