using System.Runtime.CompilerServices;
using EnergyFacts.Framework;

namespace EnergyFacts;

/// <summary>
/// Marks a method as an energy experiment; each attribute instance is one test case, run under power measurement.
/// The method needs no <c>[Fact]</c> and may take one <see cref="ExperimentContext"/> parameter. The attribute is data
/// only: discovery reads it, and the framework measures each trial once.
/// </summary>
/// <example>
/// <code>
/// [EnergyExperiment("resnet18", 64, 2, Dataset = "cifar10")]
/// [EnergyExperiment("resnet18", 128, 2, Dataset = "cifar10")]
/// public void Train(ExperimentContext context) { ... }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class EnergyExperimentAttribute : Attribute
{
    private int? seed;

    /// <summary>Declares one experiment case.</summary>
    /// <param name="model">Model name (≥ 1 character), e.g. <c>resnet18</c>.</param>
    /// <param name="batch">Batch size (≥ 1).</param>
    /// <param name="epochs">Number of epochs (≥ 1).</param>
    /// <param name="sourceFilePath">Filled in by the compiler.</param>
    /// <param name="sourceLineNumber">Filled in by the compiler.</param>
    public EnergyExperimentAttribute(
        string model,
        int batch,
        int epochs,
        [CallerFilePath] string? sourceFilePath = null,
        [CallerLineNumber] int sourceLineNumber = -1)
    {
        Model = model;
        Batch = batch;
        Epochs = epochs;
        SourceFilePath = sourceFilePath;
        SourceLineNumber = sourceLineNumber;
    }

    /// <summary>Model name.</summary>
    public string Model { get; }

    /// <summary>Batch size.</summary>
    public int Batch { get; }

    /// <summary>Number of epochs.</summary>
    public int Epochs { get; }

    /// <summary>Dataset name, e.g. <c>fashion-mnist</c>; becomes the <c>dataset</c> trait and column.</summary>
    public string? Dataset { get; set; }

    /// <summary>Device: <c>auto</c> (default: CUDA when available, else CPU), <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Measured repetitions (≥ 1, default 1); each is reported, plus mean and spread.</summary>
    public int Trials { get; set; } = 1;

    /// <summary>
    /// Unmeasured warm-up runs before the first measured trial (≥ 0, default 0): the first run of a body pays for JIT
    /// compilation, native loading and cold caches, which would otherwise inflate trial 1 and the gate's spread.
    /// </summary>
    public int Warmup { get; set; }

    /// <summary>Random seed handed to the experiment through <see cref="ExperimentContext.Seed"/>.</summary>
    public int Seed { get => seed ?? 0; set => seed = value; }

    /// <summary>When set, the case is skipped with this reason.</summary>
    public string? Skip { get; set; }

    /// <summary>When true, the case runs only when asked for explicitly.</summary>
    public bool Explicit { get; set; }

    /// <summary>Source file of the attribute, for IDE navigation.</summary>
    public string? SourceFilePath { get; }

    /// <summary>Source line of the attribute, for IDE navigation.</summary>
    public int SourceLineNumber { get; }

    internal ExperimentDefinition Definition => new(Model, Batch, Epochs, Dataset, Device ?? string.Empty, Trials, seed) { Warmup = Warmup };
}
