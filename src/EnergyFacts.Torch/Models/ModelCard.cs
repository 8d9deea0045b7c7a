using System.Globalization;

namespace EnergyFacts.Torch.Models;

/// <summary>
/// Size and analytic cost of one zoo model at one input configuration, as the reference studies report
/// "Params" and "FLOPs" next to energy.
/// </summary>
/// <remarks>
/// <see cref="ForwardMacs"/> counts the multiply-accumulates of one forward pass of a single image (batch 1) in
/// convolutions (including depthwise, squeeze-excitation and patch-embedding convolutions), linear layers and the two
/// attention matrix products (Q·Kᵀ and A·V). Normalisation, activations, pooling, softmax and element-wise additions
/// are not counted, which is the convention behind torchvision's published "GFLOPS" figures (they are GMACs).
/// <see cref="ForwardFlops"/> is twice that (one multiply and one add per MAC).
/// </remarks>
/// <param name="Name">Zoo name, e.g. <c>resnet50</c>.</param>
/// <param name="Options">Classes, input channels and input size the numbers refer to.</param>
/// <param name="Parameters">Number of trainable parameters (buffers such as BatchNorm running statistics excluded).</param>
/// <param name="ForwardMacs">Multiply-accumulates of one forward pass of one image.</param>
/// <param name="Reference">The reference implementation the architecture follows.</param>
public sealed record ModelCard(string Name, ModelOptions Options, long Parameters, long ForwardMacs, string Reference)
{
    /// <summary>Floating-point operations of one forward pass of one image: 2 × <see cref="ForwardMacs"/>.</summary>
    public long ForwardFlops => 2 * ForwardMacs;

    /// <summary><see cref="ForwardMacs"/> in units of 10⁹.</summary>
    public double ForwardGigaMacs => ForwardMacs / 1e9;

    /// <summary><see cref="Parameters"/> in units of 10⁶.</summary>
    public double ParametersMillions => Parameters / 1e6;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Name} ({Options}): {Parameters:N0} parameters, {ForwardGigaMacs:G4} GMACs per image; {Reference}");
}
