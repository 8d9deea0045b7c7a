namespace EnergyFacts.Torch.Data;

/// <summary>
/// A seeded synthetic classification set for smoke tests and benchmarks: each class has a random template image,
/// each sample is its class template blended with per-sample noise, so the task is learnable and fully reproducible.
/// </summary>
public static class SyntheticImages
{
    /// <summary>Generates one split.</summary>
    /// <param name="count">Number of images.</param>
    /// <param name="numClasses">Number of classes (labels cycle through them, then are shuffled).</param>
    /// <param name="channels">Channels per image.</param>
    /// <param name="imageSize">Side of the square images.</param>
    /// <param name="seed">Seed for templates; the same seed gives the same templates in every split.</param>
    /// <param name="sampleSeed">Seed for the samples of this split.</param>
    /// <param name="noise">Share of each pixel taken from noise, 0..1.</param>
    /// <returns>The split.</returns>
    public static ImageArray Generate(int count, int numClasses, int channels, int imageSize, int seed, int sampleSeed, double noise = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSize);
        if (noise is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "noise must be within 0..1.");
        }

        int imageBytes = channels * imageSize * imageSize;
        var templateRandom = new Random(seed);
        var templates = new byte[numClasses][];
        for (int c = 0; c < numClasses; c++)
        {
            templates[c] = new byte[imageBytes];
            templateRandom.NextBytes(templates[c]);
        }

        var random = new Random(sampleSeed);
        var labels = Enumerable.Range(0, count).Select(i => (long)(i % numClasses)).ToArray();
        random.Shuffle(labels);
        var pixels = new byte[(long)count * imageBytes];
        for (int i = 0; i < count; i++)
        {
            byte[] template = templates[labels[i]];
            int offset = i * imageBytes;
            for (int p = 0; p < imageBytes; p++)
            {
                pixels[offset + p] = (byte)Math.Round(((1 - noise) * template[p]) + (noise * random.Next(256)));
            }
        }

        return new ImageArray(pixels, labels, channels, imageSize, imageSize);
    }
}
