using TorchSharp;

namespace EnergyFacts.Torch.Data;

/// <summary>One mini-batch on the target device: normalised float32 inputs <c>(B, C, H, W)</c> and int64 labels <c>(B)</c>. Owns both tensors.</summary>
public sealed class DataBatch : IDisposable
{
    internal DataBatch(torch.Tensor inputs, torch.Tensor labels)
    {
        Inputs = inputs;
        Labels = labels;
    }

    /// <summary>Normalised images, float32, <c>(B, C, H, W)</c>.</summary>
    public torch.Tensor Inputs { get; }

    /// <summary>Class indices, int64, <c>(B)</c>.</summary>
    public torch.Tensor Labels { get; }

    /// <summary>Number of samples in the batch.</summary>
    public long Count => Labels.shape[0];

    /// <inheritdoc />
    public void Dispose()
    {
        Inputs.Dispose();
        Labels.Dispose();
    }
}
