using EnergyFacts.Torch.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models;

/// <summary>
/// EfficientNet (Tan and Le 2019) and EfficientNetV2 (Tan and Le 2021) as torchvision defines them: a 3×3 stride-2
/// SiLU stem, stages of MBConv blocks (expand 1×1 → depthwise k×k → squeeze-excitation with a bottleneck of
/// input/4 and SiLU → linear 1×1 projection) and, in V2, Fused-MBConv blocks (one k×k expansion conv → linear 1×1
/// projection, no SE), a 1×1 head conv, global pooling, dropout and a linear classifier. Residual blocks use
/// stochastic depth whose probability rises linearly to 0.2 over the network. Widths are rounded to multiples of 8
/// after the width multiplier; block counts are ⌈n × depth multiplier⌉. Small inputs (≤ 64 px) use a stride-1 stem
/// (total stride 16).
/// </summary>
internal sealed class EfficientNet : nn.Module<Tensor, Tensor>
{
    private const double StochasticDepthProbability = 0.2;

    private readonly Sequential features;
    private readonly Sequential classifier;

    public EfficientNet(EfficientNetVariant variant, ModelOptions options)
        : base(nameof(EfficientNet))
    {
        var blocks = variant.ExpandBlocks();
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            ConvBn(variant, options.InputChannels, blocks[0].InChannels, 3, StemStride(options), 1, Activation.SiLU),
        };
        var stageIndex = -1;
        List<nn.Module<Tensor, Tensor>>? stage = null;
        for (var i = 0; i < blocks.Length; i++)
        {
            var block = blocks[i];
            if (block.Stage != stageIndex)
            {
                if (stage is not null)
                {
                    layers.Add(nn.Sequential(stage));
                }

                stage = [];
                stageIndex = block.Stage;
            }

            var dropProbability = StochasticDepthProbability * i / blocks.Length;
            stage!.Add(MobileInvertedBottleneck(variant, block, dropProbability));
        }

        layers.Add(nn.Sequential(stage!));
        var lastInput = blocks[^1].OutChannels;
        var headChannels = variant.HeadChannels(lastInput);
        layers.Add(ConvBn(variant, lastInput, headChannels, 1, 1, 1, Activation.SiLU));
        features = nn.Sequential(layers);
        classifier = nn.Sequential(nn.Dropout(variant.Dropout), nn.Linear(headChannels, options.NumClasses));
        RegisterComponents();
        ReferenceInitialization.ConvolutionalNetwork(this, ReferenceInitialization.UniformByOutputsLinear());
    }

    public static void Trace(EfficientNetVariant variant, ModelOptions options, ForwardCostTracer tracer)
    {
        var blocks = variant.ExpandBlocks();
        ConvNormActivation.Trace(tracer, blocks[0].InChannels, 3, StemStride(options));
        foreach (var block in blocks)
        {
            var expanded = block.ExpandedChannels;
            if (block.Fused)
            {
                if (expanded != block.InChannels)
                {
                    ConvNormActivation.Trace(tracer, expanded, block.Kernel, block.Stride);
                    ConvNormActivation.Trace(tracer, block.OutChannels, 1);
                }
                else
                {
                    ConvNormActivation.Trace(tracer, block.OutChannels, block.Kernel, block.Stride);
                }

                continue;
            }

            if (expanded != block.InChannels)
            {
                ConvNormActivation.Trace(tracer, expanded, 1);
            }

            ConvNormActivation.Trace(tracer, expanded, block.Kernel, block.Stride, expanded);
            SqueezeExcitation.Trace(tracer, block.SqueezeChannels);
            ConvNormActivation.Trace(tracer, block.OutChannels, 1);
        }

        var headChannels = variant.HeadChannels(blocks[^1].OutChannels);
        ConvNormActivation.Trace(tracer, headChannels, 1);
        tracer.GlobalPool();
        tracer.Linear(headChannels, options.NumClasses);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var pooled = features.call(input).mean([2, 3]);
        return classifier.call(pooled).MoveToOuterDisposeScope();
    }

    private static long StemStride(ModelOptions options) => options.IsSmallInput ? 1 : 2;

    private static nn.Module<Tensor, Tensor> ConvBn(EfficientNetVariant variant, long inChannels, long outChannels, long kernel, long stride, long groups, Activation activation) =>
        ConvNormActivation.Create(inChannels, outChannels, kernel, stride, groups, activation, variant.NormEpsilon);

    /// <summary>MBConv or Fused-MBConv with its shortcut and stochastic depth.</summary>
    private static ResidualSequential MobileInvertedBottleneck(EfficientNetVariant variant, EfficientNetBlock config, double dropProbability)
    {
        var expanded = config.ExpandedChannels;
        var layers = new List<nn.Module<Tensor, Tensor>>();
        if (config.Fused)
        {
            if (expanded != config.InChannels)
            {
                layers.Add(ConvBn(variant, config.InChannels, expanded, config.Kernel, config.Stride, 1, Activation.SiLU));
                layers.Add(ConvBn(variant, expanded, config.OutChannels, 1, 1, 1, Activation.None));
            }
            else
            {
                layers.Add(ConvBn(variant, config.InChannels, config.OutChannels, config.Kernel, config.Stride, 1, Activation.SiLU));
            }
        }
        else
        {
            if (expanded != config.InChannels)
            {
                layers.Add(ConvBn(variant, config.InChannels, expanded, 1, 1, 1, Activation.SiLU));
            }

            layers.Add(ConvBn(variant, expanded, expanded, config.Kernel, config.Stride, expanded, Activation.SiLU));
            layers.Add(new SqueezeExcitation(expanded, config.SqueezeChannels, Activation.SiLU, hardGate: false));
            layers.Add(ConvBn(variant, expanded, config.OutChannels, 1, 1, 1, Activation.None));
        }

        return new ResidualSequential(layers, config.Stride == 1 && config.InChannels == config.OutChannels, dropProbability);
    }
}

/// <summary>One block after width/depth scaling; <see cref="Stage"/> groups blocks into the feature stages.</summary>
internal sealed record EfficientNetBlock(int Stage, bool Fused, long ExpandRatio, long Kernel, long Stride, long InChannels, long OutChannels)
{
    public long ExpandedChannels => ChannelRounding.MakeDivisible(InChannels * ExpandRatio);

    public long SqueezeChannels => Math.Max(1, InChannels / 4);
}

/// <summary>One row of an EfficientNet stage table, before scaling.</summary>
internal sealed record EfficientNetStage(bool Fused, long ExpandRatio, long Kernel, long Stride, long InChannels, long OutChannels, int Layers);

/// <summary>Stage table and scaling of one EfficientNet variant.</summary>
/// <param name="Stages">Stage table before scaling.</param>
/// <param name="WidthMultiplier">Channel multiplier (V1 compound scaling).</param>
/// <param name="DepthMultiplier">Block-count multiplier (V1 compound scaling).</param>
/// <param name="FixedHeadChannels">Head conv width when fixed (V2: 1280); null means 4 × the last stage width (V1).</param>
/// <param name="Dropout">Classifier dropout.</param>
/// <param name="NormEpsilon">BatchNorm ε (1e-5 in torchvision's V1 B0–B4, 1e-3 in V2).</param>
internal sealed record EfficientNetVariant(
    EfficientNetStage[] Stages, double WidthMultiplier, double DepthMultiplier, long? FixedHeadChannels, double Dropout, double NormEpsilon)
{
    private static readonly EfficientNetStage[] V1Stages =
    [
        new(false, 1, 3, 1, 32, 16, 1),
        new(false, 6, 3, 2, 16, 24, 2),
        new(false, 6, 5, 2, 24, 40, 2),
        new(false, 6, 3, 2, 40, 80, 3),
        new(false, 6, 5, 1, 80, 112, 3),
        new(false, 6, 5, 2, 112, 192, 4),
        new(false, 6, 3, 1, 192, 320, 1),
    ];

    public static EfficientNetVariant B0 { get; } = new(V1Stages, 1.0, 1.0, null, 0.2, 1e-5);

    public static EfficientNetVariant B3 { get; } = new(V1Stages, 1.2, 1.4, null, 0.3, 1e-5);

    public static EfficientNetVariant V2Small { get; } = new(
    [
        new(true, 1, 3, 1, 24, 24, 2),
        new(true, 4, 3, 2, 24, 48, 4),
        new(true, 4, 3, 2, 48, 64, 4),
        new(false, 4, 3, 2, 64, 128, 6),
        new(false, 6, 3, 1, 128, 160, 9),
        new(false, 6, 3, 2, 160, 256, 15),
    ],
    1.0,
    1.0,
    1280,
    0.2,
    1e-3);

    public long HeadChannels(long lastStageChannels) => FixedHeadChannels ?? 4 * lastStageChannels;

    /// <summary>Every block in order, with scaled widths; only a stage's first block strides or changes width.</summary>
    public EfficientNetBlock[] ExpandBlocks()
    {
        var blocks = new List<EfficientNetBlock>();
        for (var stage = 0; stage < Stages.Length; stage++)
        {
            var row = Stages[stage];
            var inChannels = ChannelRounding.MakeDivisible(row.InChannels * WidthMultiplier);
            var outChannels = ChannelRounding.MakeDivisible(row.OutChannels * WidthMultiplier);
            var layers = (int)Math.Ceiling(row.Layers * DepthMultiplier);
            for (var i = 0; i < layers; i++)
            {
                blocks.Add(new EfficientNetBlock(
                    stage, row.Fused, row.ExpandRatio, row.Kernel, i == 0 ? row.Stride : 1, i == 0 ? inChannels : outChannels, outChannels));
            }
        }

        return [.. blocks];
    }
}
