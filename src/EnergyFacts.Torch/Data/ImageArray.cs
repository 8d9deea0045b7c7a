namespace EnergyFacts.Torch.Data;

/// <summary>Decoded images of one split as raw bytes: <c>Count × Channels × Height × Width</c> pixels (CHW, row-major) and one label each.</summary>
public sealed class ImageArray
{
    /// <summary>Creates the array after checking that the sizes agree.</summary>
    /// <param name="pixels">All pixels, image after image, each in CHW order.</param>
    /// <param name="labels">One class index per image.</param>
    /// <param name="channels">Channels per image (1 grey, 3 RGB).</param>
    /// <param name="height">Rows per image.</param>
    /// <param name="width">Columns per image.</param>
    public ImageArray(byte[] pixels, long[] labels, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (pixels.LongLength != (long)labels.Length * channels * height * width)
        {
            throw new ArgumentException($"{pixels.LongLength} pixel bytes do not hold {labels.Length} images of {channels}×{height}×{width}.", nameof(pixels));
        }

        PixelArray = pixels;
        LabelArray = labels;
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>Number of images.</summary>
    public int Count => LabelArray.Length;

    /// <summary>Channels per image.</summary>
    public int Channels { get; }

    /// <summary>Rows per image.</summary>
    public int Height { get; }

    /// <summary>Columns per image.</summary>
    public int Width { get; }

    /// <summary>All pixels (CHW per image).</summary>
    public ReadOnlyMemory<byte> Pixels => PixelArray;

    /// <summary>Class index per image.</summary>
    public ReadOnlyMemory<long> Labels => LabelArray;

    internal byte[] PixelArray { get; }

    internal long[] LabelArray { get; }
}
