using System.Buffers.Binary;
using System.Globalization;

namespace EnergyFacts.Torch.Data;

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST, plain or gzipped: a big-endian header <c>00 00 08 D</c> (unsigned
/// bytes, D dimensions), D big-endian int32 sizes, then the bytes row-major. Images are <c>N × rows × cols</c>
/// (magic 0x00000803), labels <c>N</c> (magic 0x00000801).
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads an images file and its labels file into one split.</summary>
    /// <param name="imagesPath">e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
    /// <param name="labelsPath">e.g. <c>train-labels-idx1-ubyte.gz</c>.</param>
    /// <param name="numClasses">Labels must be below this.</param>
    /// <returns>The split.</returns>
    /// <exception cref="DatasetFormatException">A file is missing, has a bad header, wrong length or out-of-range label; the message names file and offset.</exception>
    public static ImageArray ReadSplit(string imagesPath, string labelsPath, int numClasses)
    {
        var (images, imagesLabel) = DatasetFile.Read(imagesPath);
        var (labels, labelsLabel) = DatasetFile.Read(labelsPath);
        return Decode(images, imagesLabel, labels, labelsLabel, numClasses);
    }

    internal static ImageArray Decode(byte[] images, string imagesLabel, byte[] labels, string labelsLabel, int numClasses)
    {
        int[] imageDims = Header(images, imagesLabel, 3, "images (magic 0x00000803)");
        int[] labelDims = Header(labels, labelsLabel, 1, "labels (magic 0x00000801)");
        if (imageDims[0] != labelDims[0])
        {
            throw new DatasetFormatException($"{imagesLabel} holds {imageDims[0]} images but {labelsLabel} holds {labelDims[0]} labels.");
        }

        int count = imageDims[0];
        long declaredImageBytes = (long)imageDims[1] * imageDims[2];
        if (declaredImageBytes > Array.MaxLength)
        {
            // A corrupt header can declare rows × cols beyond any array; say so instead of overflowing.
            throw DatasetFormatException.At(imagesLabel, 8, string.Create(CultureInfo.InvariantCulture,
                $"the header declares {imageDims[1]}×{imageDims[2]} images, {declaredImageBytes} bytes each, more than any file holds"));
        }

        int imageBytes = (int)declaredImageBytes;
        int imageOffset = 4 + (4 * 3);
        CheckLength(images, imagesLabel, imageOffset, (long)count * imageBytes, $"{count} images of {imageDims[1]}×{imageDims[2]}");
        CheckLength(labels, labelsLabel, 4 + 4, count, $"{count} labels");

        var labelValues = new long[count];
        for (int i = 0; i < count; i++)
        {
            byte label = labels[8 + i];
            if (label >= numClasses)
            {
                throw DatasetFormatException.At(labelsLabel, 8 + i, $"label {label} is outside 0..{numClasses - 1}");
            }

            labelValues[i] = label;
        }

        byte[] pixels = images.AsSpan(imageOffset, count * imageBytes).ToArray();
        return new ImageArray(pixels, labelValues, 1, imageDims[1], imageDims[2]);
    }

    /// <summary>Writes one split as the two IDX files (gzipped when the name ends in <c>.gz</c>); used to produce the embedded subset.</summary>
    /// <param name="split">Single-channel images.</param>
    /// <param name="imagesPath">Images file to write.</param>
    /// <param name="labelsPath">Labels file to write.</param>
    public static void WriteSplit(ImageArray split, string imagesPath, string labelsPath)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (split.Channels != 1)
        {
            throw new ArgumentException($"IDX holds single-channel images; this split has {split.Channels} channels.", nameof(split));
        }

        var images = new byte[16 + split.PixelArray.Length];
        BinaryPrimitives.WriteInt32BigEndian(images, 0x00000803);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), split.Count);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), split.Height);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), split.Width);
        split.PixelArray.CopyTo(images, 16);
        var labels = new byte[8 + split.Count];
        BinaryPrimitives.WriteInt32BigEndian(labels, 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), split.Count);
        for (int i = 0; i < split.Count; i++)
        {
            labels[8 + i] = checked((byte)split.LabelArray[i]);
        }

        Write(images, imagesPath);
        Write(labels, labelsPath);
    }

    private static void Write(byte[] content, string path)
    {
        using var file = File.Create(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.SmallestSize);
            gzip.Write(content);
        }
        else
        {
            file.Write(content);
        }
    }

    private static int[] Header(byte[] data, string label, int expectedDims, string what)
    {
        if (data.Length < 4)
        {
            throw DatasetFormatException.At(label, data.Length, $"file is {data.Length} bytes, too short for an IDX header; expected {what}");
        }

        if (data[0] != 0 || data[1] != 0 || data[2] != UnsignedByteType || data[3] != expectedDims)
        {
            throw DatasetFormatException.At(label, 0, string.Create(CultureInfo.InvariantCulture,
                $"bad magic 0x{BinaryPrimitives.ReadUInt32BigEndian(data):x8}; expected IDX {what}"));
        }

        int headerEnd = 4 + (4 * expectedDims);
        if (data.Length < headerEnd)
        {
            throw DatasetFormatException.At(label, data.Length, $"file ends inside the IDX header ({headerEnd} bytes expected)");
        }

        var dims = new int[expectedDims];
        for (int d = 0; d < expectedDims; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4 + (4 * d)));
            if (dims[d] <= 0)
            {
                throw DatasetFormatException.At(label, 4 + (4 * d), $"dimension {d} is {dims[d]}; sizes must be positive");
            }
        }

        return dims;
    }

    private static void CheckLength(byte[] data, string label, int dataOffset, long expected, string what)
    {
        long actual = data.LongLength - dataOffset;
        if (actual < expected)
        {
            throw DatasetFormatException.At(label, data.LongLength, string.Create(CultureInfo.InvariantCulture,
                $"file is truncated: the header announces {what} ({expected} bytes from offset {dataOffset}), but it ends after {actual}"));
        }

        if (actual > expected)
        {
            throw DatasetFormatException.At(label, dataOffset + expected, string.Create(CultureInfo.InvariantCulture,
                $"{actual - expected} unexpected bytes after the {what} the header announces"));
        }
    }
}
