using EnergyFacts.Torch.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models;

/// <summary>
/// The CIFAR ResNet of He et al. 2016, §4.2: a 3×3 stem of <c>w</c> channels, three stages of <c>n</c> basic blocks
/// at widths w, 2w, 4w (stride 2 at the start of stages 2 and 3), global average pooling and a linear classifier;
/// depth = 6n + 2. Shortcuts are parameter-free ("option A"): subsample by 2 and zero-pad the new channels.
/// resnet20 is n = 3, w = 16 (0.27 M parameters at 10 classes); resnet8_narrow is n = 1, w = 8, a CPU smoke model.
/// The architecture is already sized for 28–32 px inputs, so it has no separate small-input stem.
/// </summary>
internal sealed class CifarResNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Linear fc;

    public CifarResNet(int blocksPerStage, long baseWidth, ModelOptions options)
        : base(nameof(CifarResNet))
    {
        conv1 = nn.Conv2d(options.InputChannels, baseWidth, 3, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(baseWidth);
        relu = nn.ReLU(inplace: true);
        var stages = new Sequential[3];
        var inChannels = baseWidth;
        for (var stage = 0; stage < 3; stage++)
        {
            var width = baseWidth << stage;
            var blocks = new List<nn.Module<Tensor, Tensor>>();
            for (var i = 0; i < blocksPerStage; i++)
            {
                blocks.Add(new PaddedShortcutBlock(inChannels, width, stage > 0 && i == 0 ? 2 : 1));
                inChannels = width;
            }

            stages[stage] = nn.Sequential(blocks);
        }

        (layer1, layer2, layer3) = (stages[0], stages[1], stages[2]);
        avgpool = nn.AdaptiveAvgPool2d(1);
        fc = nn.Linear(baseWidth * 4, options.NumClasses);
        RegisterComponents();
        ReferenceInitialization.ConvolutionalNetwork(this);
    }

    public static void Trace(int blocksPerStage, long baseWidth, ModelOptions options, ForwardCostTracer tracer)
    {
        ConvNormActivation.Trace(tracer, baseWidth, 3);
        for (var stage = 0; stage < 3; stage++)
        {
            for (var i = 0; i < blocksPerStage; i++)
            {
                ConvNormActivation.Trace(tracer, baseWidth << stage, 3, stage > 0 && i == 0 ? 2 : 1);
                ConvNormActivation.Trace(tracer, baseWidth << stage, 3);
            }
        }

        tracer.GlobalPool();
        tracer.Linear(baseWidth * 4, options.NumClasses);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = relu.call(bn1.call(conv1.call(input)));
        x = layer3.call(layer2.call(layer1.call(x)));
        return fc.call(avgpool.call(x).flatten(1)).MoveToOuterDisposeScope();
    }

    /// <summary>Basic block whose shortcut subsamples with stride 2 and zero-pads channels symmetrically (no parameters).</summary>
    private sealed class PaddedShortcutBlock : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1;
        private readonly BatchNorm2d bn1;
        private readonly ReLU relu;
        private readonly Conv2d conv2;
        private readonly BatchNorm2d bn2;
        private readonly long stride;
        private readonly long padChannels;

        public PaddedShortcutBlock(long inChannels, long width, long stride)
            : base(nameof(PaddedShortcutBlock))
        {
            conv1 = nn.Conv2d(inChannels, width, 3, stride: stride, padding: 1, bias: false);
            bn1 = nn.BatchNorm2d(width);
            relu = nn.ReLU(inplace: true);
            conv2 = nn.Conv2d(width, width, 3, padding: 1, bias: false);
            bn2 = nn.BatchNorm2d(width);
            this.stride = stride;
            padChannels = (width - inChannels) / 2;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var shortcut = input;
            if (stride != 1)
            {
                shortcut = shortcut.slice(2, 0, shortcut.shape[2], stride).slice(3, 0, shortcut.shape[3], stride);
            }

            if (padChannels > 0)
            {
                // Pad pairs run from the last dimension backwards: W, H, then C.
                shortcut = nn.functional.pad(shortcut, [0, 0, 0, 0, padChannels, padChannels]);
            }

            var x = relu.call(bn1.call(conv1.call(input)));
            x = bn2.call(conv2.call(x));
            return x.add_(shortcut).relu_().MoveToOuterDisposeScope();
        }
    }
}
