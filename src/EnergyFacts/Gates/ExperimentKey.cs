using System.Globalization;
using System.Text;

namespace EnergyFacts.Gates;

/// <summary>
/// The identity of one experiment case across runs: what a baseline case and a current case are matched by. Its
/// <see cref="ToString"/> is the stable string form, shaped like the test case's name:
/// <c>TrainingEnergy.Train [lenet | batch=64 | epochs=2 | dataset=fashion-mnist | device=cpu]</c>.
/// </summary>
/// <param name="Method">The experiment method, e.g. <c>TrainingEnergy.Train</c>.</param>
/// <param name="Model">The model, e.g. <c>lenet</c>.</param>
/// <param name="Batch">Batch size (≥ 1).</param>
/// <param name="Epochs">Epochs (≥ 1).</param>
/// <param name="Dataset">The dataset, or <see langword="null"/> when the case names none.</param>
/// <param name="Device">The device asked for (<c>auto</c>, <c>cpu</c>, <c>cuda:0</c> …), or <see langword="null"/>.</param>
/// <param name="Seed">The seed, when the case sets one: cases differing only in their seed stay apart.</param>
internal sealed record ExperimentKey(string Method, string Model, int Batch, int Epochs, string? Dataset = null, string? Device = null, int? Seed = null)
    : IComparable<ExperimentKey>
{
    /// <summary>The order of a baseline file: method, model, then batch and epochs as numbers, dataset, device, seed.</summary>
    public int CompareTo(ExperimentKey? other)
    {
        if (other is null)
        {
            return 1;
        }

        var order = string.CompareOrdinal(Method, other.Method);
        order = order != 0 ? order : string.CompareOrdinal(Model, other.Model);
        order = order != 0 ? order : Batch.CompareTo(other.Batch);
        order = order != 0 ? order : Epochs.CompareTo(other.Epochs);
        order = order != 0 ? order : string.CompareOrdinal(Dataset, other.Dataset);
        order = order != 0 ? order : string.CompareOrdinal(Device, other.Device);
        return order != 0 ? order : Nullable.Compare(Seed, other.Seed);
    }

    /// <summary>The stable string form, e.g. <c>Train [lenet | batch=64 | epochs=2 | dataset=fashion-mnist]</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder()
            .Append(Method).Append(" [").Append(Model)
            .Append(CultureInfo.InvariantCulture, $" | batch={Batch} | epochs={Epochs}");
        if (Dataset is not null)
        {
            text.Append(" | dataset=").Append(Dataset);
        }

        if (Device is not null)
        {
            text.Append(" | device=").Append(Device);
        }

        if (Seed is { } seed)
        {
            text.Append(CultureInfo.InvariantCulture, $" | seed={seed}");
        }

        return text.Append(']').ToString();
    }
}
