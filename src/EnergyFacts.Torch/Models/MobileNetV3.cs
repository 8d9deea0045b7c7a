using EnergyFacts.Torch.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models;

/// <summary>
/// MobileNetV3 (Howard et al. 2019), Large and Small at width 1.0, as torchvision <c>mobilenet_v3_large/small</c> and
/// timm <c>mobilenetv3_large_100/small_100</c>: 3×3 stride-2 stem of 16 with hard-swish, the bneck blocks of the
/// paper's Tables 1–2 (expand 1×1 → depthwise k×k → optional squeeze-excitation with a hard-sigmoid gate and a
/// bottleneck of ⌈expanded/4⌉₈ → linear 1×1 projection), a 1×1 conv to 6× the last width, global pooling, a
/// Linear → hard-swish → dropout 0.2 → Linear head. BatchNorm ε = 0.001, momentum 0.01. Small inputs (≤ 64 px) use a
/// stride-1 stem (total stride 16).
/// </summary>
internal sealed class MobileNetV3 : nn.Module<Tensor, Tensor>
{
    private const long StemChannels = 16;
    private const double NormEpsilon = 0.001;
    private const double NormMomentum = 0.01;

    private readonly Sequential features;
    private readonly Sequential classifier;

    public MobileNetV3(MobileNetV3Variant variant, ModelOptions options)
        : base(nameof(MobileNetV3))
    {
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            ConvBn(options.InputChannels, StemChannels, 3, StemStride(options), 1, Activation.Hardswish),
        };
        foreach (var block in variant.Blocks)
        {
            layers.Add(InvertedResidual(block));
        }

        var lastInput = variant.Blocks[^1].OutChannels;
        layers.Add(ConvBn(lastInput, 6 * lastInput, 1, 1, 1, Activation.Hardswish));
        features = nn.Sequential(layers);
        classifier = nn.Sequential(
            nn.Linear(6 * lastInput, variant.LastChannels),
            nn.Hardswish(inplace: true),
            nn.Dropout(0.2),
            nn.Linear(variant.LastChannels, options.NumClasses));
        RegisterComponents();
        ReferenceInitialization.ConvolutionalNetwork(this, ReferenceInitialization.NormalLinear(0.01));
    }

    public static void Trace(MobileNetV3Variant variant, ModelOptions options, ForwardCostTracer tracer)
    {
        ConvNormActivation.Trace(tracer, StemChannels, 3, StemStride(options));
        foreach (var block in variant.Blocks)
        {
            if (block.ExpandedChannels != block.InChannels)
            {
                ConvNormActivation.Trace(tracer, block.ExpandedChannels, 1);
            }

            ConvNormActivation.Trace(tracer, block.ExpandedChannels, block.Kernel, block.Stride, block.ExpandedChannels);
            if (block.SqueezeExcite)
            {
                SqueezeExcitation.Trace(tracer, block.SqueezeChannels);
            }

            ConvNormActivation.Trace(tracer, block.OutChannels, 1);
        }

        var lastInput = variant.Blocks[^1].OutChannels;
        ConvNormActivation.Trace(tracer, 6 * lastInput, 1);
        tracer.GlobalPool();
        tracer.Linear(6 * lastInput, variant.LastChannels);
        tracer.Linear(variant.LastChannels, options.NumClasses);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var pooled = features.call(input).mean([2, 3]);
        return classifier.call(pooled).MoveToOuterDisposeScope();
    }

    private static long StemStride(ModelOptions options) => options.IsSmallInput ? 1 : 2;

    private static nn.Module<Tensor, Tensor> ConvBn(long inChannels, long outChannels, long kernel, long stride, long groups, Activation activation) =>
        ConvNormActivation.Create(inChannels, outChannels, kernel, stride, groups, activation, NormEpsilon, NormMomentum);

    /// <summary>Expand 1×1 (when wider) → depthwise k×k → optional SE → linear 1×1, with a shortcut when shape is kept.</summary>
    private static ResidualSequential InvertedResidual(MobileNetV3Block config)
    {
        var activation = config.HardSwish ? Activation.Hardswish : Activation.ReLU;
        var layers = new List<nn.Module<Tensor, Tensor>>();
        if (config.ExpandedChannels != config.InChannels)
        {
            layers.Add(ConvBn(config.InChannels, config.ExpandedChannels, 1, 1, 1, activation));
        }

        layers.Add(ConvBn(config.ExpandedChannels, config.ExpandedChannels, config.Kernel, config.Stride, config.ExpandedChannels, activation));
        if (config.SqueezeExcite)
        {
            layers.Add(new SqueezeExcitation(config.ExpandedChannels, config.SqueezeChannels, Activation.ReLU, hardGate: true));
        }

        layers.Add(ConvBn(config.ExpandedChannels, config.OutChannels, 1, 1, 1, Activation.None));
        return new ResidualSequential(layers, config.Stride == 1 && config.InChannels == config.OutChannels);
    }
}

/// <summary>One bneck row of the MobileNetV3 tables.</summary>
internal sealed record MobileNetV3Block(long InChannels, long Kernel, long ExpandedChannels, long OutChannels, bool SqueezeExcite, bool HardSwish, long Stride)
{
    public long SqueezeChannels => ChannelRounding.MakeDivisible(ExpandedChannels / 4);
}

/// <summary>The Large and Small block tables and their penultimate widths.</summary>
internal sealed record MobileNetV3Variant(MobileNetV3Block[] Blocks, long LastChannels)
{
    private const bool SE = true;
    private const bool HS = true;

    public static MobileNetV3Variant Large { get; } = new(
    [
        new(16, 3, 16, 16, !SE, !HS, 1),
        new(16, 3, 64, 24, !SE, !HS, 2),
        new(24, 3, 72, 24, !SE, !HS, 1),
        new(24, 5, 72, 40, SE, !HS, 2),
        new(40, 5, 120, 40, SE, !HS, 1),
        new(40, 5, 120, 40, SE, !HS, 1),
        new(40, 3, 240, 80, !SE, HS, 2),
        new(80, 3, 200, 80, !SE, HS, 1),
        new(80, 3, 184, 80, !SE, HS, 1),
        new(80, 3, 184, 80, !SE, HS, 1),
        new(80, 3, 480, 112, SE, HS, 1),
        new(112, 3, 672, 112, SE, HS, 1),
        new(112, 5, 672, 160, SE, HS, 2),
        new(160, 5, 960, 160, SE, HS, 1),
        new(160, 5, 960, 160, SE, HS, 1),
    ],
    1280);

    public static MobileNetV3Variant Small { get; } = new(
    [
        new(16, 3, 16, 16, SE, !HS, 2),
        new(16, 3, 72, 24, !SE, !HS, 2),
        new(24, 3, 88, 24, !SE, !HS, 1),
        new(24, 5, 96, 40, SE, HS, 2),
        new(40, 5, 240, 40, SE, HS, 1),
        new(40, 5, 240, 40, SE, HS, 1),
        new(40, 5, 120, 48, SE, HS, 1),
        new(48, 5, 144, 48, SE, HS, 1),
        new(48, 5, 288, 96, SE, HS, 2),
        new(96, 5, 576, 96, SE, HS, 1),
        new(96, 5, 576, 96, SE, HS, 1),
    ],
    1024);
}
