using EnergyFacts.Torch.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models;

/// <summary>
/// LeNet-5-style CNN (LeCun et al. 1998) modernised with BatchNorm, ReLU and max-pooling:
/// conv 5×5 → 6 (padding 2), BN, ReLU, max-pool 2; conv 5×5 → 16, BN, ReLU, max-pool 2; then 120 → 84 → classes
/// fully connected with ReLU. On 28×28 inputs the flattened feature map is 16×5×5, as in the original on 32×32.
/// 61,728 parameters at 1×28×28 and 10 classes.
/// </summary>
internal sealed class LeNet : nn.Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Sequential classifier;

    public LeNet(ModelOptions options)
        : base(nameof(LeNet))
    {
        features = nn.Sequential(
            nn.Conv2d(options.InputChannels, 6, 5, padding: 2, bias: false),
            nn.BatchNorm2d(6),
            nn.ReLU(inplace: true),
            new MaxPool2x2(),
            nn.Conv2d(6, 16, 5, bias: false),
            nn.BatchNorm2d(16),
            nn.ReLU(inplace: true),
            new MaxPool2x2());
        var side = FeatureSide(options.ImageSize);
        classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(16 * side * side, 120),
            nn.ReLU(inplace: true),
            nn.Linear(120, 84),
            nn.ReLU(inplace: true),
            nn.Linear(84, options.NumClasses));
        RegisterComponents();
        ReferenceInitialization.ConvolutionalNetwork(this);
    }

    public static void Trace(ModelOptions options, ForwardCostTracer tracer)
    {
        ConvNormActivation.Trace(tracer, 6, 5);
        tracer.Pool(2, 2);
        tracer.Conv(16, 5);
        tracer.ChannelNorm();
        tracer.Pool(2, 2);
        tracer.Flatten();
        tracer.Linear(tracer.Shape.Channels, 120);
        tracer.Linear(120, 84);
        tracer.Linear(84, options.NumClasses);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return classifier.call(features.call(input)).MoveToOuterDisposeScope();
    }

    private static long FeatureSide(long imageSize) => ((imageSize / 2) - 4) / 2;
}
