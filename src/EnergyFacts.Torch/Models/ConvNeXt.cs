using EnergyFacts.Torch.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models;

/// <summary>
/// ConvNeXt (Liu et al. 2022) as torchvision <c>convnext_tiny</c> / timm <c>convnext_tiny</c>: a 4×4 stride-4 patchify
/// stem with LayerNorm, four stages of blocks (depthwise 7×7 conv → LayerNorm → Linear 4× → GELU → Linear back →
/// layer scale initialised to 1e-6 → stochastic depth → residual), LayerNorm + 2×2 stride-2 conv between stages,
/// then global pooling, LayerNorm and a linear head. LayerNorm ε = 1e-6; stochastic depth rises linearly to 0.1 for
/// Tiny; convolutions and linears truncated-normal σ 0.02. Small inputs (≤ 64 px) use a 2×2 stride-2 stem instead
/// (total stride 16), so 32 px reaches the last stage at 2×2 and 28 px at 1×1.
/// </summary>
internal sealed class ConvNeXt : nn.Module<Tensor, Tensor>
{
    private const double LayerScaleInit = 1e-6;
    private const double StochasticDepthProbability = 0.1;
    private static readonly long[] Depths = [3, 3, 9, 3];
    private static readonly long[] Widths = [96, 192, 384, 768];

    private readonly Sequential features;
    private readonly LayerNorm2d norm;
    private readonly Linear head;

    public ConvNeXt(ModelOptions options)
        : base(nameof(ConvNeXt))
    {
        var stem = StemPatch(options);
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            nn.Sequential(nn.Conv2d(options.InputChannels, Widths[0], stem, stride: stem), new LayerNorm2d(Widths[0])),
        };
        var totalBlocks = Depths.Sum();
        var blockIndex = 0;
        for (var stage = 0; stage < Depths.Length; stage++)
        {
            var blocks = new List<nn.Module<Tensor, Tensor>>();
            for (var i = 0; i < Depths[stage]; i++)
            {
                var dropProbability = StochasticDepthProbability * blockIndex / (totalBlocks - 1.0);
                blocks.Add(new ConvNeXtBlock(Widths[stage], dropProbability));
                blockIndex++;
            }

            layers.Add(nn.Sequential(blocks));
            if (stage + 1 < Depths.Length)
            {
                layers.Add(nn.Sequential(new LayerNorm2d(Widths[stage]), nn.Conv2d(Widths[stage], Widths[stage + 1], 2, stride: 2)));
            }
        }

        features = nn.Sequential(layers);
        norm = new LayerNorm2d(Widths[^1]);
        head = nn.Linear(Widths[^1], options.NumClasses);
        RegisterComponents();
        ReferenceInitialization.TruncatedNormal(this, includeConvolutions: true);
    }

    public static void Trace(ModelOptions options, ForwardCostTracer tracer)
    {
        var stem = StemPatch(options);
        tracer.Conv(Widths[0], stem, stem, bias: true);
        tracer.ChannelNorm();
        for (var stage = 0; stage < Depths.Length; stage++)
        {
            var dim = Widths[stage];
            for (var i = 0; i < Depths[stage]; i++)
            {
                tracer.Conv(dim, 7, 1, 3, dim, bias: true);
                tracer.LayerNorm(dim);
                tracer.Linear(dim, 4 * dim, tracer.Shape.Pixels);
                tracer.Linear(4 * dim, dim, tracer.Shape.Pixels);
                tracer.ExtraParameters(dim);
            }

            if (stage + 1 < Depths.Length)
            {
                tracer.ChannelNorm();
                tracer.Conv(Widths[stage + 1], 2, 2, bias: true);
            }
        }

        tracer.GlobalPool();
        tracer.ChannelNorm();
        tracer.Linear(Widths[^1], options.NumClasses);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var pooled = features.call(input).mean([2, 3], keepdim: true);
        return head.call(norm.call(pooled).flatten(1)).MoveToOuterDisposeScope();
    }

    private static long StemPatch(ModelOptions options) => options.IsSmallInput ? 2 : 4;

    /// <summary>The ConvNeXt block; the MLP runs channels-last, as a Linear over the channel dimension.</summary>
    private sealed class ConvNeXtBlock : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d dwconv;
        private readonly LayerNorm norm;
        private readonly Linear pwconv1;
        private readonly GELU act;
        private readonly Linear pwconv2;
        private readonly Parameter layer_scale;
        private readonly StochasticDepth drop_path;

        public ConvNeXtBlock(long dim, double dropProbability)
            : base(nameof(ConvNeXtBlock))
        {
            dwconv = nn.Conv2d(dim, dim, 7, padding: 3, groups: dim);
            norm = nn.LayerNorm(dim, eps: 1e-6);
            pwconv1 = nn.Linear(dim, 4 * dim);
            act = nn.GELU();
            pwconv2 = nn.Linear(4 * dim, dim);
            layer_scale = nn.Parameter(ones(dim, 1, 1).mul_(LayerScaleInit));
            drop_path = new StochasticDepth(dropProbability);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var x = dwconv.call(input).permute(0, 2, 3, 1);
            x = pwconv2.call(act.call(pwconv1.call(norm.call(x)))).permute(0, 3, 1, 2);
            return drop_path.call(x * layer_scale).add_(input).MoveToOuterDisposeScope();
        }
    }
}
