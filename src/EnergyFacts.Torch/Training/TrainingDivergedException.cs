using System.Globalization;

namespace EnergyFacts.Torch.Training;

/// <summary>
/// An epoch ended with a NaN or infinite mean loss. From then on every figure of the run (loss, accuracy, the metrics
/// built on them) describes arithmetic that broke rather than a model that trained, so the run stops here instead of
/// reporting a result. The epoch itself was already passed to <see cref="ITrainingProgress.ReportEpoch"/>.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for <paramref name="epoch"/>, naming both of its losses.</summary>
    /// <param name="epoch">The 1-based epoch whose loss is not finite.</param>
    /// <param name="trainLoss">Its mean training loss.</param>
    /// <param name="evalLoss">Its mean evaluation loss.</param>
    /// <param name="oneDnnIsa">What <c>ONEDNN_MAX_CPU_ISA</c> held in this process (<see langword="null"/>: unset).</param>
    public TrainingDivergedException(int epoch, double trainLoss, double evalLoss, string? oneDnnIsa)
        : base(Describe(epoch, trainLoss, evalLoss, oneDnnIsa))
    {
        Epoch = epoch;
        TrainLoss = trainLoss;
        EvalLoss = evalLoss;
    }

    /// <summary>Creates an exception with a message of the caller's.</summary>
    /// <param name="message">The message.</param>
    public TrainingDivergedException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with a message of the caller's and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TrainingDivergedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no detail; prefer the overload with the epoch.</summary>
    public TrainingDivergedException()
    {
    }

    /// <summary>The 1-based epoch whose mean loss is not finite (0 when not known).</summary>
    public int Epoch { get; }

    /// <summary>That epoch's mean training loss.</summary>
    public double TrainLoss { get; } = double.NaN;

    /// <summary>That epoch's mean evaluation loss.</summary>
    public double EvalLoss { get; } = double.NaN;

    private static string Describe(int epoch, double trainLoss, double evalLoss, string? oneDnnIsa)
    {
        var which = double.IsFinite(trainLoss) ? "evaluation" : "training";
        var isa = oneDnnIsa is null
            ? $"{OneDnnIsa.Variable} is unset, so oneDNN runs its widest kernels; rerunning with {OneDnnIsa.Variable}=AVX2 rules out a fault in them"
            : $"{OneDnnIsa.Variable}={oneDnnIsa}";
        return string.Create(CultureInfo.InvariantCulture,
            $"Training diverged: the mean {which} loss of epoch {epoch} is {(double.IsFinite(trainLoss) ? evalLoss : trainLoss)} " +
            $"(training {trainLoss}, evaluation {evalLoss}), so this run has no result to report. Usual causes: a learning rate " +
            $"too high for the recipe, or inputs that are not normalised. Native kernels: {isa}.");
    }
}
