using SkiaSharp;

namespace EnergyFacts.Torch.Data;

/// <summary>
/// ImageNet-style class-folder trees: <c>root/&lt;class&gt;/*.png|jpg|jpeg|bmp|gif|webp</c>. Classes are the sorted
/// (ordinal) sub-folder names. Images are decoded with SkiaSharp, scaled so the shorter side is the target size,
/// centre-cropped to a square and stored as RGB bytes.
/// </summary>
public static class ImageFolder
{
    private static readonly HashSet<string> Extensions = new([".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The class names of a tree: its sub-folders, sorted ordinally.</summary>
    /// <param name="root">The split folder (e.g. <c>train</c>).</param>
    /// <returns>Class names.</returns>
    public static IReadOnlyList<string> Classes(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new DatasetFormatException($"{root}: class-folder root not found.");
        }

        var classes = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (classes.Count < 2)
        {
            throw new DatasetFormatException($"{root}: found {classes.Count} class folder(s); a class-folder tree needs at least two sub-folders, one per class.");
        }

        return classes;
    }

    /// <summary>Decodes every image under <paramref name="root"/>.</summary>
    /// <param name="root">The split folder.</param>
    /// <param name="classes">Class names defining the label order (usually <see cref="Classes"/> of the training folder).</param>
    /// <param name="imageSize">Side of the square output images.</param>
    /// <returns>The split, RGB.</returns>
    /// <exception cref="DatasetFormatException">A folder is not a known class, or a file cannot be decoded.</exception>
    public static ImageArray ReadSplit(string root, IReadOnlyList<string> classes, int imageSize)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageSize, 8);
        if (!Directory.Exists(root))
        {
            throw new DatasetFormatException($"{root}: class-folder root not found.");
        }

        // A held-out split may lack some classes; it must not have classes the training tree lacks.
        var found = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().ToList();
        var unknown = found.Except(classes, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new DatasetFormatException($"{root}: class folder(s) {string.Join(", ", unknown)} do not exist in the training tree ({string.Join(", ", classes)}).");
        }

        var files = classes
            .SelectMany((name, index) => Directory.Exists(Path.Combine(root, name))
                ? Directory.EnumerateFiles(Path.Combine(root, name)).Where(f => Extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal).Select(f => (File: f, Label: index))
                : [])
            .ToList();
        if (files.Count == 0)
        {
            throw new DatasetFormatException($"{root}: no images ({string.Join(", ", Extensions.Order(StringComparer.Ordinal))}) in any class folder.");
        }

        int imageBytes = 3 * imageSize * imageSize;
        var pixels = new byte[(long)files.Count * imageBytes];
        var labels = new long[files.Count];
        for (int i = 0; i < files.Count; i++)
        {
            Decode(files[i].File, imageSize, pixels.AsSpan(i * imageBytes, imageBytes));
            labels[i] = files[i].Label;
        }

        return new ImageArray(pixels, labels, 3, imageSize, imageSize);
    }

    private static void Decode(string file, int size, Span<byte> chw)
    {
        using var decoded = SKBitmap.Decode(file)
            ?? throw new DatasetFormatException($"{file}: cannot be decoded as an image (corrupt, truncated or unsupported format).");
        double scale = (double)size / Math.Min(decoded.Width, decoded.Height);
        int width = Math.Max(size, (int)Math.Round(decoded.Width * scale));
        int height = Math.Max(size, (int)Math.Round(decoded.Height * scale));
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var resized = new SKBitmap(info);
        using (var canvas = new SKCanvas(resized))
        using (var paint = new SKPaint { FilterQuality = SKFilterQuality.High, IsAntialias = true })
        {
            canvas.Clear(SKColors.Black);
            canvas.DrawBitmap(decoded, new SKRect(0, 0, width, height), paint);
        }

        int left = (width - size) / 2;
        int top = (height - size) / 2;
        ReadOnlySpan<byte> rgba = resized.GetPixelSpan();
        int plane = size * size;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                int source = (((top + y) * width) + left + x) * 4;
                int target = (y * size) + x;
                chw[target] = rgba[source];
                chw[plane + target] = rgba[source + 1];
                chw[(2 * plane) + target] = rgba[source + 2];
            }
        }
    }
}
