using Xunit.Sdk;
using Xunit.v3;

[assembly: TestPipelineStartup(typeof(EnergyFacts.Torch.Tests.Models.OneDnnIsaCap))]

namespace EnergyFacts.Torch.Tests.Models;

/// <summary>
/// Caps oneDNN at AVX2 for this test process before any test touches torch (the rule and its reason live in
/// <see cref="OneDnnIsaLimit"/>, which TorchRuntime also applies). A pipeline startup rather than a module initializer:
/// loading EnergyFacts.Torch while the test assembly loads would keep coverlet from instrumenting it.
/// </summary>
public sealed class OneDnnIsaCap : ITestPipelineStartup
{
    /// <inheritdoc/>
    public ValueTask StartAsync(IMessageSink diagnosticMessageSink)
    {
        OneDnnIsaLimit.Apply();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask StopAsync() => ValueTask.CompletedTask;
}
