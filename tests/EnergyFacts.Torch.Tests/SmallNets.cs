using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace EnergyFacts.Torch.Tests;

/// <summary>Local test models (the model zoo lives elsewhere): an MLP and a LeNet-style CNN.</summary>
internal static class SmallNets
{
    public static Module<Tensor, Tensor> Mlp(int channels, int imageSize, int classes, int hidden = 128) =>
        Sequential(
            ("flatten", Flatten()),
            ("fc1", Linear(channels * imageSize * imageSize, hidden)),
            ("relu", ReLU()),
            ("fc2", Linear(hidden, classes)));

    public static Module<Tensor, Tensor> Cnn(int channels, int imageSize, int classes) =>
        Sequential(
            ("conv1", Conv2d(channels, 16, 3, padding: 1)),
            ("relu1", ReLU()),
            ("pool1", MaxPool2d(2)),
            ("conv2", Conv2d(16, 32, 3, padding: 1)),
            ("relu2", ReLU()),
            ("pool2", MaxPool2d(2)),
            ("flatten", Flatten()),
            ("fc1", Linear(32 * (imageSize / 4) * (imageSize / 4), 64)),
            ("relu3", ReLU()),
            ("fc2", Linear(64, classes)));
}
