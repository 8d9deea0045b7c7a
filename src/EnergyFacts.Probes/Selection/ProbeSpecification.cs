namespace EnergyFacts.Probes;

/// <summary>One checked entry of a probe specification list, e.g. <c>constant:cpu=95,gpu=0</c>.</summary>
/// <param name="Text">The entry as written, for messages and notes.</param>
/// <param name="Provider">The provider it names, or <see langword="null"/> for <c>auto</c>.</param>
/// <param name="Argument">Text after the first <c>:</c>, or <see langword="null"/>.</param>
internal sealed record ProbeSpecification(string Text, IProbeProvider? Provider, string? Argument)
{
    /// <summary>Whether this entry is <c>auto</c>.</summary>
    public bool IsAuto => Provider is null;
}
