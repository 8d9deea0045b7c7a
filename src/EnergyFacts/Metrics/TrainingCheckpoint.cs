namespace EnergyFacts.Metrics;

/// <summary>One evaluation point of a training run, as TTCAPC and TTCAPEC take it.</summary>
/// <param name="Epoch">The epoch (or evaluation step) number, for reporting.</param>
/// <param name="Elapsed">Cumulative wall time of training up to this point.</param>
/// <param name="Accuracy">Validation accuracy at this point, a fraction in [0, 1].</param>
/// <param name="CumulativeEnergy">Training energy spent up to and including this point.</param>
internal sealed record TrainingCheckpoint(int Epoch, TimeSpan Elapsed, double Accuracy, Joules CumulativeEnergy);
