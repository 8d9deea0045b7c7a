using System.Globalization;

namespace EnergyFacts.Torch.Data;

/// <summary>Which CIFAR binary layout: CIFAR-10 records are <c>label, 3072 pixels</c>; CIFAR-100 records are <c>coarse, fine, 3072 pixels</c>.</summary>
public enum CifarVariant
{
    /// <summary>10 classes, 3,073-byte records (<c>data_batch_1..5.bin</c>, <c>test_batch.bin</c>).</summary>
    Cifar10,

    /// <summary>100 fine classes (20 coarse), 3,074-byte records (<c>train.bin</c>, <c>test.bin</c>).</summary>
    Cifar100,
}

/// <summary>
/// The CIFAR-10/100 "binary version": fixed-size records of label byte(s) followed by a 32×32 image as 1,024 red,
/// 1,024 green and 1,024 blue bytes, row-major (already CHW).
/// </summary>
public static class CifarBinary
{
    private const int PixelBytes = 3 * 32 * 32;

    /// <summary>Reads and concatenates record files into one split.</summary>
    /// <param name="variant">CIFAR-10 or CIFAR-100.</param>
    /// <param name="files">Record files, in order (plain or gzipped).</param>
    /// <param name="coarseLabels">CIFAR-100 only: use the 20 coarse labels instead of the 100 fine ones.</param>
    /// <returns>The split.</returns>
    /// <exception cref="DatasetFormatException">A file is missing, its length is not a whole number of records, or a label is out of range.</exception>
    public static ImageArray ReadSplit(CifarVariant variant, IReadOnlyList<string> files, bool coarseLabels = false)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new ArgumentException("at least one record file is needed.", nameof(files));
        }

        int labelBytes = variant == CifarVariant.Cifar10 ? 1 : 2;
        int recordBytes = labelBytes + PixelBytes;
        int labelIndex = variant == CifarVariant.Cifar100 && !coarseLabels ? 1 : 0;
        int classes = variant == CifarVariant.Cifar10 ? 10 : coarseLabels ? 20 : 100;
        var contents = files.Select(DatasetFile.Read).ToList();
        foreach (var (bytes, label) in contents)
        {
            if (bytes.Length == 0 || bytes.Length % recordBytes != 0)
            {
                long lastRecord = bytes.Length / recordBytes * (long)recordBytes;
                throw DatasetFormatException.At(label, lastRecord, string.Create(CultureInfo.InvariantCulture,
                    $"length {bytes.Length} is not a positive multiple of the {recordBytes}-byte {variant} record; the record starting here is truncated ({bytes.Length - lastRecord} bytes). Is this a {(variant == CifarVariant.Cifar10 ? "CIFAR-100" : "CIFAR-10")} file?"));
            }
        }

        int count = contents.Sum(c => c.Bytes.Length / recordBytes);
        var pixels = new byte[(long)count * PixelBytes];
        var labels = new long[count];
        int image = 0;
        foreach (var (bytes, label) in contents)
        {
            for (long offset = 0; offset < bytes.Length; offset += recordBytes, image++)
            {
                byte value = bytes[offset + labelIndex];
                if (value >= classes)
                {
                    throw DatasetFormatException.At(label, offset + labelIndex, string.Create(CultureInfo.InvariantCulture,
                        $"label {value} is outside 0..{classes - 1} for {(variant == CifarVariant.Cifar10 ? "CIFAR-10" : coarseLabels ? "CIFAR-100 coarse" : "CIFAR-100 fine")} labels"));
                }

                labels[image] = value;
                Buffer.BlockCopy(bytes, (int)offset + labelBytes, pixels, image * PixelBytes, PixelBytes);
            }
        }

        return new ImageArray(pixels, labels, 3, 32, 32);
    }
}
