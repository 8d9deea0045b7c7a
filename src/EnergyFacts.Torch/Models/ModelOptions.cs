using System.Globalization;

namespace EnergyFacts.Torch.Models;

/// <summary>
/// How a zoo architecture is adapted to a task: number of classes, input channels and square input size.
/// The defaults (1000 classes, 3 channels, 224 px) are the ImageNet configuration the published parameter counts refer to.
/// </summary>
/// <param name="NumClasses">Number of output logits (10 for CIFAR-10/Fashion-MNIST, 100 for CIFAR-100, 1000 for ImageNet).</param>
/// <param name="InputChannels">Channels of the input image: 1 for Fashion-MNIST, 3 for CIFAR and ImageNet.</param>
/// <param name="ImageSize">Height and width of the square input in pixels (28, 32, 224, ...).</param>
public sealed record ModelOptions(int NumClasses = 1000, int InputChannels = 3, int ImageSize = 224)
{
    /// <summary>
    /// Inputs at most this many pixels wide get the small-input ("CIFAR-style") stems described on each architecture
    /// in <see cref="ModelZoo"/>; larger inputs keep the reference ImageNet stem.
    /// </summary>
    public const int SmallInputMaxPixels = 64;

    /// <summary>The reference ImageNet configuration: 1000 classes, 3 channels, 224×224.</summary>
    public static ModelOptions ImageNet { get; } = new();

    /// <summary>28×28 single-channel images with 10 classes (Fashion-MNIST, MNIST).</summary>
    public static ModelOptions FashionMnist { get; } = new(10, 1, 28);

    /// <summary>32×32 RGB images with 10 classes.</summary>
    public static ModelOptions Cifar10 { get; } = new(10, 3, 32);

    /// <summary>32×32 RGB images with 100 classes.</summary>
    public static ModelOptions Cifar100 { get; } = new(100, 3, 32);

    /// <summary>True when <see cref="ImageSize"/> is at most <see cref="SmallInputMaxPixels"/>, selecting the small-input stems.</summary>
    public bool IsSmallInput => ImageSize <= SmallInputMaxPixels;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the offending value and the allowed range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its allowed range.</exception>
    public void Validate()
    {
        Require(NumClasses, nameof(NumClasses), 1, 1_000_000);
        Require(InputChannels, nameof(InputChannels), 1, 64);
        Require(ImageSize, nameof(ImageSize), 8, 4096);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{NumClasses} classes, {InputChannels}×{ImageSize}×{ImageSize}");

    private static void Require(int value, string name, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(
                name,
                value,
                string.Create(CultureInfo.InvariantCulture, $"ModelOptions.{name} = {value} is outside the allowed range {min}..{max}."));
        }
    }
}
