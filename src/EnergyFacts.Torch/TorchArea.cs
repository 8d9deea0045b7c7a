namespace EnergyFacts.Torch;

/// <summary>Placeholder that keeps the project compiling until the Torch area lands.</summary>
internal static class TorchArea;
