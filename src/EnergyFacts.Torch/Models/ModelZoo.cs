using TorchSharp;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models;

/// <summary>
/// The image-classification architectures EnergyFacts trains, by their timm names, plus small CPU smoke models.
/// Every model takes N×C×H×W float input and returns N×classes logits.
/// </summary>
/// <remarks>
/// <para>Reference architectures (parameter counts at 1000 classes, 3×224×224 equal the reference implementation's):
/// resnet18/34/50/101/152, mobilenetv2_100, mobilenetv3_small_100, mobilenetv3_large_100, efficientnet_b0,
/// efficientnet_b3, efficientnetv2_s (torchvision's <c>efficientnet_v2_s</c> definition), convnext_tiny,
/// vit_base_patch16_224, deit_base_patch16_224.</para>
/// <para>Small inputs (≤ <see cref="ModelOptions.SmallInputMaxPixels"/> px, e.g. 28×28 Fashion-MNIST or 32×32 CIFAR):
/// ResNets get a 3×3 stride-1 stem convolution and no max-pool; MobileNets and EfficientNets a stride-1 stem;
/// ConvNeXt a 2×2 stride-2 patchify stem instead of 4×4 stride 4; ViT/DeiT 4×4 patches instead of 16×16 with the
/// position embedding sized to the patch grid. Everything else (widths, depths, heads) is unchanged.</para>
/// <para>Smoke models: <c>mlp</c> (784-256-128-10 on Fashion-MNIST), <c>lenet</c> (LeNet-5 with BatchNorm/ReLU),
/// <c>resnet20</c> (He et al.'s CIFAR ResNet-20, 0.27 M parameters) and <c>resnet8_narrow</c> (its 8-layer,
/// 8-16-32-channel sibling).</para>
/// </remarks>
public static class ModelZoo
{
    private static readonly ZooEntry[] Entries =
    [
        ResNetEntry("resnet18", ResNetDepth.ResNet18),
        ResNetEntry("resnet34", ResNetDepth.ResNet34),
        ResNetEntry("resnet50", ResNetDepth.ResNet50),
        ResNetEntry("resnet101", ResNetDepth.ResNet101),
        ResNetEntry("resnet152", ResNetDepth.ResNet152),
        new(
            "mobilenetv2_100",
            "timm mobilenetv2_100 / torchvision mobilenet_v2 (Sandler et al. 2018)",
            o => new MobileNetV2(o),
            (o, t) => MobileNetV2.Trace(o, t)),
        new(
            "mobilenetv3_small_100",
            "timm mobilenetv3_small_100 / torchvision mobilenet_v3_small (Howard et al. 2019)",
            o => new MobileNetV3(MobileNetV3Variant.Small, o),
            (o, t) => MobileNetV3.Trace(MobileNetV3Variant.Small, o, t)),
        new(
            "mobilenetv3_large_100",
            "timm mobilenetv3_large_100 / torchvision mobilenet_v3_large (Howard et al. 2019)",
            o => new MobileNetV3(MobileNetV3Variant.Large, o),
            (o, t) => MobileNetV3.Trace(MobileNetV3Variant.Large, o, t)),
        EfficientNetEntry("efficientnet_b0", "torchvision efficientnet_b0 / timm efficientnet_b0 (Tan and Le 2019)", EfficientNetVariant.B0),
        EfficientNetEntry("efficientnet_b3", "torchvision efficientnet_b3 / timm efficientnet_b3 (Tan and Le 2019)", EfficientNetVariant.B3),
        EfficientNetEntry(
            "efficientnetv2_s",
            "torchvision efficientnet_v2_s (Tan and Le 2021); timm's efficientnetv2_s is a different variant and is not followed",
            EfficientNetVariant.V2Small),
        new(
            "convnext_tiny",
            "torchvision convnext_tiny / timm convnext_tiny (Liu et al. 2022)",
            o => new ConvNeXt(o),
            (o, t) => ConvNeXt.Trace(o, t)),
        VisionTransformerEntry(
            "vit_base_patch16_224", "timm vit_base_patch16_224 / torchvision vit_b_16 (Dosovitskiy et al. 2021)", VisionTransformerSize.BasePatch16),
        VisionTransformerEntry(
            "deit_base_patch16_224", "timm deit_base_patch16_224 (Touvron et al. 2021), ViT-B/16 architecture", VisionTransformerSize.DeiTBasePatch16),
        new(
            "mlp",
            "EnergyFacts smoke model: multilayer perceptron C·H·W-256-128-classes",
            o => new MultilayerPerceptron(o),
            (o, t) => MultilayerPerceptron.Trace(o, t)),
        new(
            "lenet",
            "EnergyFacts smoke model: LeNet-5 (LeCun et al. 1998) with BatchNorm and ReLU",
            o => new LeNet(o),
            (o, t) => LeNet.Trace(o, t)),
        new(
            "resnet20",
            "CIFAR ResNet-20 (He et al. 2016, §4.2, option-A shortcuts)",
            o => new CifarResNet(3, 16, o),
            (o, t) => CifarResNet.Trace(3, 16, o, t)),
        new(
            "resnet8_narrow",
            "EnergyFacts smoke model: CIFAR ResNet (He et al. 2016, §4.2) with 1 block per stage and widths 8-16-32",
            o => new CifarResNet(1, 8, o),
            (o, t) => CifarResNet.Trace(1, 8, o, t)),
    ];

    private static readonly Dictionary<string, ZooEntry> ByName =
        Entries.ToDictionary(entry => entry.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every model name, the 14 reference architectures first, then the smoke models.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Entries.Select(entry => entry.Name)];

    /// <summary>The 14 architectures of the reference energy studies.</summary>
    public static IReadOnlyList<string> ReferenceArchitectures { get; } = [.. Names.Take(14)];

    /// <summary>Small models that train in seconds to minutes on a 2-core CPU.</summary>
    public static IReadOnlyList<string> SmokeModels { get; } = [.. Names.Skip(14)];

    /// <summary>True when <paramref name="name"/> (case-insensitive) is a zoo model.</summary>
    /// <param name="name">Model name.</param>
    public static bool Contains(string name) => ByName.ContainsKey(name);

    /// <summary>Builds a freshly initialised model on the CPU (move it with <c>to(device)</c>).</summary>
    /// <param name="name">Model name, case-insensitive (see <see cref="Names"/>).</param>
    /// <param name="options">Classes, input channels and input size.</param>
    /// <returns>A module mapping N×C×H×W input to N×classes logits; the caller disposes it.</returns>
    /// <exception cref="ArgumentException">Unknown name, or an input size the architecture cannot take.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option outside its allowed range.</exception>
    /// <exception cref="TorchUnavailableException">TorchSharp's native libraries cannot be loaded.</exception>
    public static nn.Module<Tensor, Tensor> Create(string name, ModelOptions options)
    {
        var entry = Find(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // Tracing first rejects impossible input sizes with a clear message before any native allocation;
        // loading the natives through TorchRuntime turns a missing libtorch into one explained exception.
        entry.Trace(options, new ForwardCostTracer(entry.Name, options));
        TorchRuntime.EnsureLoaded();
        return entry.Create(options);
    }

    /// <summary>Builds a model; shorthand for <see cref="Create(string, ModelOptions)"/>.</summary>
    /// <param name="name">Model name, case-insensitive.</param>
    /// <param name="numClasses">Number of output classes.</param>
    /// <param name="inputChannels">Input image channels.</param>
    /// <param name="imageSize">Square input size in pixels.</param>
    /// <returns>A freshly initialised module; the caller disposes it.</returns>
    public static nn.Module<Tensor, Tensor> Create(string name, int numClasses, int inputChannels, int imageSize) =>
        Create(name, new ModelOptions(numClasses, inputChannels, imageSize));

    /// <summary>
    /// Parameters and analytic forward MACs of a model at a configuration, computed from the architecture without
    /// building it (no TorchSharp natives needed).
    /// </summary>
    /// <param name="name">Model name, case-insensitive.</param>
    /// <param name="options">Classes, input channels and input size.</param>
    /// <returns>The model's card.</returns>
    /// <exception cref="ArgumentException">Unknown name, or an input size the architecture cannot take.</exception>
    public static ModelCard Describe(string name, ModelOptions options)
    {
        var entry = Find(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var tracer = new ForwardCostTracer(entry.Name, options);
        entry.Trace(options, tracer);
        return new ModelCard(entry.Name, options, tracer.Parameters, tracer.MultiplyAccumulates, entry.Reference);
    }

    /// <summary>Number of scalar parameters of a built module (buffers excluded).</summary>
    /// <param name="module">Any TorchSharp module.</param>
    /// <returns>Sum of the element counts of <c>module.parameters()</c>.</returns>
    public static long CountParameters(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.parameters().Sum(parameter => parameter.numel());
    }

    private static ZooEntry Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.TryGetValue(name.Trim(), out var entry)
            ? entry
            : throw new ArgumentException($"Unknown model '{name}'. Known models: {string.Join(", ", Names)}.", nameof(name));
    }

    private static ZooEntry ResNetEntry(string name, ResNetDepth depth) => new(
        name,
        $"torchvision {name} (He et al. 2016); timm {name} has the same parameters",
        o => new ResNet(depth, o),
        (o, t) => ResNet.Trace(depth, o, t));

    private static ZooEntry EfficientNetEntry(string name, string reference, EfficientNetVariant variant) => new(
        name, reference, o => new EfficientNet(variant, o), (o, t) => EfficientNet.Trace(variant, o, t));

    private static ZooEntry VisionTransformerEntry(string name, string reference, VisionTransformerSize size) => new(
        name, reference, o => new VisionTransformer(size, o), (o, t) => VisionTransformer.Trace(size, o, t, name));

    private sealed record ZooEntry(
        string Name, string Reference, Func<ModelOptions, nn.Module<Tensor, Tensor>> Create, Action<ModelOptions, ForwardCostTracer> Trace);
}
