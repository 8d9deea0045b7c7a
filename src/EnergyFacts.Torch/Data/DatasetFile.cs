using System.Globalization;
using System.IO.Compression;

namespace EnergyFacts.Torch.Data;

/// <summary>Reads a dataset file whole, transparently un-gzipping it (detected by the gzip magic, not the name).</summary>
internal static class DatasetFile
{
    /// <summary>The file's bytes and the name to use in messages (gzipped files say offsets are in the decompressed stream).</summary>
    public static (byte[] Bytes, string Label) Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new DatasetFormatException($"{path}: file not found.");
        }

        byte[] raw = File.ReadAllBytes(path);
        return IsGzip(raw) ? (Gunzip(raw, path), path + " (decompressed)") : (raw, path);
    }

    /// <summary>Opens an embedded resource the same way.</summary>
    public static (byte[] Bytes, string Label) ReadResource(string resourceName)
    {
        using var stream = typeof(DatasetFile).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new DatasetFormatException($"embedded resource {resourceName} is missing from {typeof(DatasetFile).Assembly.GetName().Name}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        byte[] raw = buffer.ToArray();
        string label = "embedded:" + resourceName;
        return IsGzip(raw) ? (Gunzip(raw, label), label + " (decompressed)") : (raw, label);
    }

    private static bool IsGzip(byte[] raw) => raw.Length >= 2 && raw[0] == 0x1f && raw[1] == 0x8b;

    private static byte[] Gunzip(byte[] raw, string label)
    {
        using var input = new MemoryStream(raw, writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(raw.Length * 2);
        try
        {
            gzip.CopyTo(output);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(string.Create(CultureInfo.InvariantCulture,
                $"{label}: corrupt gzip data near compressed byte offset {input.Position} of {raw.Length}: {e.Message}"), e);
        }

        return output.ToArray();
    }
}
