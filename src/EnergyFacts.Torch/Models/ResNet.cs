using EnergyFacts.Torch.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models;

/// <summary>
/// ResNet (He et al. 2016) as torchvision defines it ("v1.5": the stride of a bottleneck sits on its 3×3 convolution,
/// projection shortcuts are 1×1 convolution + BatchNorm). Module and parameter names follow torchvision
/// (<c>conv1, bn1, layer1.0.conv1 … fc</c>). Small inputs (≤ 64 px) replace the 7×7 stride-2 stem convolution by a
/// 3×3 stride-1 one and drop the max-pool, so a 32×32 image reaches layer4 at 4×4 instead of 1×1.
/// A strided projection shortcut takes every second pixel and then applies its 1×1 convolution with stride 1: the same
/// function, weights and state-dict keys as torchvision's stride-2 1×1 convolution, but it keeps libtorch 2.10's
/// oneDNN off its strided 1×1 backward-data kernel, which dies with SIGFPE for ≥ 1024 output channels on AVX-512 CPUs
/// (every ResNet-50/101/152 downsample).
/// </summary>
internal sealed class ResNet : nn.Module<Tensor, Tensor>
{
    private static readonly long[] StageWidths = [64, 128, 256, 512];

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu;
    private readonly nn.Module<Tensor, Tensor> maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Linear fc;

    public ResNet(ResNetDepth depth, ModelOptions options)
        : base(nameof(ResNet))
    {
        var expansion = depth.Bottleneck ? Bottleneck.Expansion : 1;
        conv1 = options.IsSmallInput
            ? nn.Conv2d(options.InputChannels, 64, 3, stride: 1, padding: 1, bias: false)
            : nn.Conv2d(options.InputChannels, 64, 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        relu = nn.ReLU(inplace: true);
        maxpool = options.IsSmallInput ? nn.Identity() : nn.MaxPool2d(3, stride: 2, padding: 1);

        long inChannels = 64;
        var stages = new Sequential[4];
        for (var stage = 0; stage < 4; stage++)
        {
            var blocks = new List<nn.Module<Tensor, Tensor>>();
            for (var i = 0; i < depth.BlocksPerStage[stage]; i++)
            {
                var stride = stage > 0 && i == 0 ? 2 : 1;
                blocks.Add(depth.Bottleneck
                    ? new Bottleneck(inChannels, StageWidths[stage], stride)
                    : new BasicBlock(inChannels, StageWidths[stage], stride));
                inChannels = StageWidths[stage] * expansion;
            }

            stages[stage] = nn.Sequential(blocks);
        }

        (layer1, layer2, layer3, layer4) = (stages[0], stages[1], stages[2], stages[3]);
        avgpool = nn.AdaptiveAvgPool2d(1);
        fc = nn.Linear(512 * expansion, options.NumClasses);
        RegisterComponents();
        ReferenceInitialization.ConvolutionalNetwork(this);
    }

    public static void Trace(ResNetDepth depth, ModelOptions options, ForwardCostTracer tracer)
    {
        var expansion = depth.Bottleneck ? Bottleneck.Expansion : 1;
        if (options.IsSmallInput)
        {
            tracer.Conv(64, 3, 1, 1);
        }
        else
        {
            tracer.Conv(64, 7, 2, 3);
        }

        tracer.ChannelNorm();
        if (!options.IsSmallInput)
        {
            tracer.Pool(3, 2, 1);
        }

        for (var stage = 0; stage < 4; stage++)
        {
            for (var i = 0; i < depth.BlocksPerStage[stage]; i++)
            {
                var stride = stage > 0 && i == 0 ? 2 : 1;
                var input = tracer.Shape;
                var width = StageWidths[stage];
                if (depth.Bottleneck)
                {
                    ConvNormActivation.Trace(tracer, width, 1);
                    ConvNormActivation.Trace(tracer, width, 3, stride);
                    ConvNormActivation.Trace(tracer, width * expansion, 1);
                }
                else
                {
                    ConvNormActivation.Trace(tracer, width, 3, stride);
                    ConvNormActivation.Trace(tracer, width, 3);
                }

                var output = tracer.Shape;
                if (stride != 1 || input.Channels != width * expansion)
                {
                    tracer.Shape = input;
                    ConvNormActivation.Trace(tracer, width * expansion, 1, stride);
                }

                tracer.Shape = output;
            }
        }

        tracer.GlobalPool();
        tracer.Linear(512 * expansion, options.NumClasses);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = maxpool.call(relu.call(bn1.call(conv1.call(input))));
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        var logits = fc.call(avgpool.call(x).flatten(1));
        return logits.MoveToOuterDisposeScope();
    }

    private static Sequential? Projection(long inChannels, long outChannels, long stride) =>
        stride != 1 || inChannels != outChannels
            ? nn.Sequential(nn.Conv2d(inChannels, outChannels, 1, bias: false), nn.BatchNorm2d(outChannels))
            : null;

    /// <summary>The shortcut: identity, or projection of the input subsampled by <paramref name="stride"/>.</summary>
    private static Tensor Shortcut(Sequential? downsample, Tensor input, long stride)
    {
        if (downsample is null)
        {
            return input;
        }

        var subsampled = stride == 1 ? input : input.slice(2, 0, input.shape[2], stride).slice(3, 0, input.shape[3], stride);
        return downsample.call(subsampled);
    }

    /// <summary>Two 3×3 convolutions with an identity or projection shortcut (ResNet-18/34).</summary>
    private sealed class BasicBlock : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1;
        private readonly BatchNorm2d bn1;
        private readonly ReLU relu;
        private readonly Conv2d conv2;
        private readonly BatchNorm2d bn2;
        private readonly Sequential? downsample;
        private readonly long stride;

        public BasicBlock(long inChannels, long width, long stride)
            : base(nameof(BasicBlock))
        {
            this.stride = stride;
            conv1 = nn.Conv2d(inChannels, width, 3, stride: stride, padding: 1, bias: false);
            bn1 = nn.BatchNorm2d(width);
            relu = nn.ReLU(inplace: true);
            conv2 = nn.Conv2d(width, width, 3, padding: 1, bias: false);
            bn2 = nn.BatchNorm2d(width);
            downsample = Projection(inChannels, width, stride);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var identity = Shortcut(downsample, input, stride);
            var x = relu.call(bn1.call(conv1.call(input)));
            x = bn2.call(conv2.call(x));
            return x.add_(identity).relu_().MoveToOuterDisposeScope();
        }
    }

    /// <summary>1×1 reduce, 3×3 (strided), 1×1 expand ×4, with an identity or projection shortcut (ResNet-50/101/152).</summary>
    private sealed class Bottleneck : nn.Module<Tensor, Tensor>
    {
        public const long Expansion = 4;

        private readonly Conv2d conv1;
        private readonly BatchNorm2d bn1;
        private readonly Conv2d conv2;
        private readonly BatchNorm2d bn2;
        private readonly Conv2d conv3;
        private readonly BatchNorm2d bn3;
        private readonly ReLU relu;
        private readonly Sequential? downsample;
        private readonly long stride;

        public Bottleneck(long inChannels, long width, long stride)
            : base(nameof(Bottleneck))
        {
            this.stride = stride;
            conv1 = nn.Conv2d(inChannels, width, 1, bias: false);
            bn1 = nn.BatchNorm2d(width);
            conv2 = nn.Conv2d(width, width, 3, stride: stride, padding: 1, bias: false);
            bn2 = nn.BatchNorm2d(width);
            conv3 = nn.Conv2d(width, width * Expansion, 1, bias: false);
            bn3 = nn.BatchNorm2d(width * Expansion);
            relu = nn.ReLU(inplace: true);
            downsample = Projection(inChannels, width * Expansion, stride);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var identity = Shortcut(downsample, input, stride);
            var x = relu.call(bn1.call(conv1.call(input)));
            x = relu.call(bn2.call(conv2.call(x)));
            x = bn3.call(conv3.call(x));
            return x.add_(identity).relu_().MoveToOuterDisposeScope();
        }
    }
}

/// <summary>Block type and blocks per stage of one ResNet depth.</summary>
internal sealed record ResNetDepth(bool Bottleneck, int[] BlocksPerStage)
{
    public static ResNetDepth ResNet18 { get; } = new(false, [2, 2, 2, 2]);

    public static ResNetDepth ResNet34 { get; } = new(false, [3, 4, 6, 3]);

    public static ResNetDepth ResNet50 { get; } = new(true, [3, 4, 6, 3]);

    public static ResNetDepth ResNet101 { get; } = new(true, [3, 4, 23, 3]);

    public static ResNetDepth ResNet152 { get; } = new(true, [3, 8, 36, 3]);
}
