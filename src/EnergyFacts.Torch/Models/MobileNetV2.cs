using EnergyFacts.Torch.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models;

/// <summary>
/// MobileNetV2 (Sandler et al. 2018) at width 1.0 as torchvision / timm <c>mobilenetv2_100</c>: a 3×3 stride-2 stem
/// of 32, seventeen inverted-residual blocks (expand 1×1 → depthwise 3×3 → linear 1×1 projection, ReLU6, residual when
/// stride 1 and widths match), a 1×1 conv to 1280, global pooling, dropout 0.2 and a linear classifier. Small inputs
/// (≤ 64 px) use a stride-1 stem, so the total stride is 16 instead of 32 (32 px → 2×2 before pooling).
/// </summary>
internal sealed class MobileNetV2 : nn.Module<Tensor, Tensor>
{
    private const long StemChannels = 32;
    private const long LastChannels = 1280;

    // Expansion t, output channels c, repeats n, first stride s (paper Table 2).
    private static readonly (long Expansion, long Channels, int Repeats, long Stride)[] Settings =
    [
        (1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1),
    ];

    private readonly Sequential features;
    private readonly Sequential classifier;

    public MobileNetV2(ModelOptions options)
        : base(nameof(MobileNetV2))
    {
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            ConvNormActivation.Create(options.InputChannels, StemChannels, 3, StemStride(options), activation: Activation.ReLU6),
        };
        var inChannels = StemChannels;
        foreach (var (expansion, channels, repeats, stride) in Settings)
        {
            for (var i = 0; i < repeats; i++)
            {
                layers.Add(InvertedResidual(inChannels, channels, i == 0 ? stride : 1, expansion));
                inChannels = channels;
            }
        }

        layers.Add(ConvNormActivation.Create(inChannels, LastChannels, 1, activation: Activation.ReLU6));
        features = nn.Sequential(layers);
        classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(LastChannels, options.NumClasses));
        RegisterComponents();
        ReferenceInitialization.ConvolutionalNetwork(this, ReferenceInitialization.NormalLinear(0.01));
    }

    public static void Trace(ModelOptions options, ForwardCostTracer tracer)
    {
        ConvNormActivation.Trace(tracer, StemChannels, 3, StemStride(options));
        foreach (var (expansion, channels, repeats, stride) in Settings)
        {
            for (var i = 0; i < repeats; i++)
            {
                var hidden = tracer.Shape.Channels * expansion;
                if (expansion != 1)
                {
                    ConvNormActivation.Trace(tracer, hidden, 1);
                }

                ConvNormActivation.Trace(tracer, hidden, 3, i == 0 ? stride : 1, hidden);
                ConvNormActivation.Trace(tracer, channels, 1);
            }
        }

        ConvNormActivation.Trace(tracer, LastChannels, 1);
        tracer.GlobalPool();
        tracer.Linear(LastChannels, options.NumClasses);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var pooled = features.call(input).mean([2, 3]);
        return classifier.call(pooled).MoveToOuterDisposeScope();
    }

    private static long StemStride(ModelOptions options) => options.IsSmallInput ? 1 : 2;

    /// <summary>Expand 1×1 (unless t = 1) → depthwise 3×3 → linear 1×1, with a shortcut when shape is kept.</summary>
    private static ResidualSequential InvertedResidual(long inChannels, long outChannels, long stride, long expansion)
    {
        var hidden = inChannels * expansion;
        var layers = new List<nn.Module<Tensor, Tensor>>();
        if (expansion != 1)
        {
            layers.Add(ConvNormActivation.Create(inChannels, hidden, 1, activation: Activation.ReLU6));
        }

        layers.Add(ConvNormActivation.Create(hidden, hidden, 3, stride, groups: hidden, activation: Activation.ReLU6));
        layers.Add(ConvNormActivation.Create(hidden, outChannels, 1, activation: Activation.None));
        return new ResidualSequential(layers, stride == 1 && inChannels == outChannels);
    }
}
