using System.Globalization;
using System.Text;

namespace EnergyFacts.Results;

/// <summary>
/// Appends complete lines to a results file; callers hold the <see cref="ResultsFolderLock"/>. Each call writes its
/// line (plus the header when it creates the file) with one write and flushes it to disk, so readers never see half a
/// row from a live writer. A process killed mid-write can still leave a last line without its '\n': before appending,
/// that partial tail is moved to <c>&lt;name&gt;.torn-&lt;UTC time&gt;-&lt;pid&gt;</c> (kept, never discarded) and cut from
/// the file, so the next row starts on a line of its own.
/// </summary>
internal static class AppendOnlyFile
{
    private const int MaxHeaderBytes = 1 << 16;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Appends <paramref name="line"/> (which must hold no line break) to <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="header">First line written when the file is created or empty; <see langword="null"/> for none.</param>
    /// <param name="checkFirstLine">Validates the first line of an existing file (BOM removed); throws when it does not belong.</param>
    /// <param name="line">The row.</param>
    /// <param name="notice">Told when a torn tail was set aside.</param>
    public static void Append(string path, string? header, Action<string>? checkFirstLine, string line, Action<string>? notice)
    {
        using var file = new FileStream(path, ResultsFileMode.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite));
        RepairTornTail(file, path, notice);
        var text = new StringBuilder();
        if (file.Length == 0)
        {
            if (header is not null)
            {
                text.Append(header).Append('\n');
            }
        }
        else if (checkFirstLine is not null)
        {
            checkFirstLine(ReadFirstLine(file));
        }

        text.Append(line).Append('\n');
        var bytes = Utf8.GetBytes(text.ToString());
        file.Seek(0, SeekOrigin.End);
        file.Write(bytes);
        file.Flush(flushToDisk: true);
    }

    /// <summary>The first line of an existing file without its line break or a UTF-8 BOM.</summary>
    internal static string ReadFirstLine(FileStream file)
    {
        // Read in small chunks up to the first '\n': the header is short, the file may be large.
        file.Seek(0, SeekOrigin.Begin);
        var line = new MemoryStream();
        var chunk = new byte[4096];
        while (line.Length < MaxHeaderBytes)
        {
            var read = file.Read(chunk, 0, chunk.Length);
            if (read == 0)
            {
                break;
            }

            var end = Array.IndexOf(chunk, (byte)'\n', 0, read);
            line.Write(chunk, 0, end < 0 ? read : end);
            if (end >= 0)
            {
                break;
            }
        }

        var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
        if (bytes.Length > 0 && bytes[^1] == '\r')
        {
            bytes = bytes[..^1];
        }

        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        return Utf8.GetString(bytes);
    }

    private static void RepairTornTail(FileStream file, string path, Action<string>? notice)
    {
        var length = file.Length;
        if (length == 0)
        {
            return;
        }

        file.Seek(length - 1, SeekOrigin.Begin);
        if (file.ReadByte() == '\n')
        {
            return;
        }

        var keep = LastLineEnd(file, length);
        var tail = new byte[length - keep];
        file.Seek(keep, SeekOrigin.Begin);
        file.ReadExactly(tail);
        var tornPath = string.Create(
            CultureInfo.InvariantCulture,
            $"{path}.torn-{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff'Z'}-{Environment.ProcessId}");
        using (var torn = new FileStream(tornPath, ResultsFileMode.Options(FileMode.CreateNew, FileAccess.Write, FileShare.None)))
        {
            torn.Write(tail);
            torn.Flush(flushToDisk: true);
        }

        file.SetLength(keep);
        file.Flush(flushToDisk: true);
        notice?.Invoke(
            $"'{path}' ended with an incomplete row ({tail.Length} bytes, probably from a process killed while writing); " +
            $"it was moved to '{tornPath}' and the file now ends at its last complete row.");
    }

    /// <summary>Offset just after the last '\n' before <paramref name="length"/>, or 0.</summary>
    private static long LastLineEnd(FileStream file, long length)
    {
        var buffer = new byte[4096];
        var end = length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            var count = (int)(end - start);
            file.Seek(start, SeekOrigin.Begin);
            file.ReadExactly(buffer, 0, count);
            var index = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
            if (index >= 0)
            {
                return start + index + 1;
            }

            end = start;
        }

        return 0;
    }
}
