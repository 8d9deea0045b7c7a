using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models;

/// <summary>
/// CPU smoke model: flatten → Linear(C·H·W, 256) → ReLU → Linear(256, 128) → ReLU → Linear(128, classes), i.e.
/// 784-256-128-10 on Fashion-MNIST (235,146 parameters). PyTorch's default linear initialisation.
/// </summary>
internal sealed class MultilayerPerceptron : nn.Module<Tensor, Tensor>
{
    private static readonly long[] HiddenWidths = [256, 128];

    private readonly Sequential layers;

    public MultilayerPerceptron(ModelOptions options)
        : base(nameof(MultilayerPerceptron))
    {
        var modules = new List<nn.Module<Tensor, Tensor>> { nn.Flatten() };
        long inFeatures = (long)options.InputChannels * options.ImageSize * options.ImageSize;
        foreach (var width in HiddenWidths)
        {
            modules.Add(nn.Linear(inFeatures, width));
            modules.Add(nn.ReLU(inplace: true));
            inFeatures = width;
        }

        modules.Add(nn.Linear(inFeatures, options.NumClasses));
        layers = nn.Sequential(modules);
        RegisterComponents();
    }

    public static void Trace(ModelOptions options, ForwardCostTracer tracer)
    {
        tracer.Flatten();
        var inFeatures = tracer.Shape.Channels;
        foreach (var width in HiddenWidths)
        {
            tracer.Linear(inFeatures, width);
            inFeatures = width;
        }

        tracer.Linear(inFeatures, options.NumClasses);
    }

    public override Tensor forward(Tensor input) => layers.call(input);
}
