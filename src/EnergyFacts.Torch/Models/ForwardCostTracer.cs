using System.Globalization;

namespace EnergyFacts.Torch.Models;

/// <summary>Channels × height × width of a feature map (batch dimension left out).</summary>
internal readonly record struct FeatureShape(long Channels, long Height, long Width)
{
    public long Pixels => Height * Width;
}

/// <summary>
/// Walks an architecture layer by layer without TorchSharp, tallying trainable parameters and forward
/// multiply-accumulates (see <see cref="ModelCard"/> for what is counted). Each architecture's <c>Trace</c> method
/// mirrors its constructor; tests check both tallies against the constructed module and a hooked forward pass.
/// </summary>
internal sealed class ForwardCostTracer
{
    private readonly string model;

    public ForwardCostTracer(string model, ModelOptions options)
    {
        this.model = model;
        Shape = new FeatureShape(options.InputChannels, options.ImageSize, options.ImageSize);
    }

    /// <summary>Shape of the feature map the next layer receives; set it to trace a side branch.</summary>
    public FeatureShape Shape { get; set; }

    public long Parameters { get; private set; }

    public long MultiplyAccumulates { get; private set; }

    /// <summary>2-D convolution on <see cref="Shape"/> with a square kernel; updates the shape.</summary>
    public void Conv(long outChannels, long kernel, long stride = 1, long padding = 0, long groups = 1, bool bias = false)
    {
        var inChannels = Shape.Channels;
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new InvalidOperationException(
                Invariant($"{model}: convolution {inChannels}→{outChannels} channels cannot use {groups} groups."));
        }

        var height = OutputSize(Shape.Height, kernel, stride, padding, "convolution");
        var width = OutputSize(Shape.Width, kernel, stride, padding, "convolution");
        var weightsPerOutput = inChannels / groups * kernel * kernel;
        Parameters += outChannels * weightsPerOutput + (bias ? outChannels : 0);
        MultiplyAccumulates += outChannels * height * width * weightsPerOutput;
        Shape = new FeatureShape(outChannels, height, width);
    }

    /// <summary>Max or average pooling window; no parameters, no MACs.</summary>
    public void Pool(long kernel, long stride, long padding = 0)
    {
        Shape = Shape with
        {
            Height = OutputSize(Shape.Height, kernel, stride, padding, "pooling"),
            Width = OutputSize(Shape.Width, kernel, stride, padding, "pooling"),
        };
    }

    /// <summary>Adaptive average pooling to 1×1.</summary>
    public void GlobalPool() => Shape = Shape with { Height = 1, Width = 1 };

    /// <summary>BatchNorm2d or a per-channel LayerNorm over <see cref="Shape"/>'s channels: weight and bias.</summary>
    public void ChannelNorm() => Parameters += 2 * Shape.Channels;

    /// <summary>LayerNorm over <paramref name="features"/> with weight and bias.</summary>
    public void LayerNorm(long features) => Parameters += 2 * features;

    /// <summary>Linear layer applied to each of <paramref name="tokens"/> vectors.</summary>
    public void Linear(long inFeatures, long outFeatures, long tokens = 1, bool bias = true)
    {
        Parameters += inFeatures * outFeatures + (bias ? outFeatures : 0);
        MultiplyAccumulates += tokens * inFeatures * outFeatures;
    }

    /// <summary>Q·Kᵀ and A·V of multi-head self-attention over <paramref name="tokens"/> tokens of width <paramref name="dim"/>.</summary>
    public void AttentionProducts(long tokens, long dim) => MultiplyAccumulates += 2 * tokens * tokens * dim;

    /// <summary>Free parameters outside any layer (class token, position embedding, layer scale).</summary>
    public void ExtraParameters(long count) => Parameters += count;

    /// <summary>Reshapes the feature map to (C·H·W) × 1 × 1 (flatten before a classifier).</summary>
    public void Flatten() => Shape = new FeatureShape(Shape.Channels * Shape.Height * Shape.Width, 1, 1);

    private long OutputSize(long size, long kernel, long stride, long padding, string layer)
    {
        var output = (size + 2 * padding - kernel) / stride + 1;
        if (size + 2 * padding < kernel || output < 1)
        {
            throw new ArgumentException(
                Invariant($"{model}: the input is too small; a {layer} with kernel {kernel}, stride {stride}, padding {padding} receives a {size}×{size} feature map. Use a larger ModelOptions.ImageSize."));
        }

        return output;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
