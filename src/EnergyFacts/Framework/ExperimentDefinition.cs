using System.Globalization;

namespace EnergyFacts.Framework;

/// <summary>The serializable description of one experiment case: what one <see cref="EnergyExperimentAttribute"/> says.</summary>
internal sealed record ExperimentDefinition(
    string Model, int Batch, int Epochs, string? Dataset, string Device, int Trials, int? Seed)
{
    /// <summary>Unmeasured runs before the first trial; not part of the case's id (they change nothing measured).</summary>
    public int Warmup { get; init; }

    /// <summary>Display label, e.g. <c>resnet18 | batch=64 | epochs=2</c>.</summary>
    public string Label
    {
        get
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"{Model} | batch={Batch} | epochs={Epochs}");
            if (Dataset is not null)
            {
                label += $" | dataset={Dataset}";
            }

            if (!string.Equals(Device, "auto", StringComparison.OrdinalIgnoreCase))
            {
                label += $" | device={Device}";
            }

            // Two cases that differ only in their seed must not share a name.
            if (Seed is { } seed)
            {
                label += string.Create(CultureInfo.InvariantCulture, $" | seed={seed}");
            }

            return label;
        }
    }

    /// <summary>Every problem with the definition, each naming the value and what is allowed.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add($"model = '{Model}' is empty; allowed: a non-empty model name, e.g. \"resnet18\".");
        }

        if (Batch <= 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"batch = {Batch} is not allowed; the batch size must be ≥ 1."));
        }

        if (Epochs <= 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"epochs = {Epochs} is not allowed; the number of epochs must be ≥ 1."));
        }

        if (Warmup < 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Warmup = {Warmup} is not allowed; Warmup must be ≥ 0."));
        }

        if (Trials < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Trials = {Trials} is not allowed; Trials must be ≥ 1."));
        }

        if (Devices.DeviceRequest.TryParse(Device) is null)
        {
            problems.Add($"Device = \"{Device}\" is not allowed; allowed: {Devices.DeviceRequest.Allowed}.");
        }

        return problems;
    }
}
