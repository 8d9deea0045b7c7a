namespace EnergyFacts.Metrics;

/// <summary>An APC or APEC value with everything needed to reproduce it: it is meaningless without its unit and weights.</summary>
/// <param name="Value">The score, in [0, accuracy].</param>
/// <param name="Accuracy">The accuracy it was computed from, a fraction.</param>
/// <param name="Consumption">The consumption it was computed from, with its unit.</param>
/// <param name="WeightedConsumption">c·((1−α)(1−a)+α): consumption in APC, cost in APEC.</param>
/// <param name="Weights">α and β.</param>
/// <param name="Price">For APEC, the price per kWh; <see langword="null"/> for APC.</param>
internal sealed record ApcScore(
    double Value,
    double Accuracy,
    Consumption Consumption,
    double WeightedConsumption,
    ApcWeights Weights,
    PricePerKilowattHour? Price);
