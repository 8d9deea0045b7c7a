using System.Globalization;
using System.Text;

namespace EnergyFacts.Advice;

/// <summary>
/// One point of a trade-off grid: model × batch size × epochs × device, and the dataset, so that a grid over two
/// datasets is never mixed into one configuration (filter one with <c>--where dataset=…</c>).
/// </summary>
/// <param name="Model">The model, e.g. <c>lenet</c>.</param>
/// <param name="BatchSize">Batch size; 0 when the row has none.</param>
/// <param name="Epochs">Epochs; 0 when the row has none (inference).</param>
/// <param name="Device">The device it ran on, e.g. <c>cpu</c> or <c>cuda:0</c>; empty when not recorded.</param>
/// <param name="Dataset">The dataset; empty when not recorded.</param>
internal sealed record ConfigurationKey(string Model, int BatchSize, int Epochs, string Device, string Dataset = "")
    : IComparable<ConfigurationKey>
{
    /// <summary>Model, then batch and epochs as numbers, device, dataset: a stable order for ties and output.</summary>
    public int CompareTo(ConfigurationKey? other)
    {
        if (other is null)
        {
            return 1;
        }

        var order = string.CompareOrdinal(Model, other.Model);
        order = order != 0 ? order : BatchSize.CompareTo(other.BatchSize);
        order = order != 0 ? order : Epochs.CompareTo(other.Epochs);
        order = order != 0 ? order : string.CompareOrdinal(Device, other.Device);
        return order != 0 ? order : string.CompareOrdinal(Dataset, other.Dataset);
    }

    /// <summary>E.g. <c>lenet | batch=64 | epochs=2 | device=cpu | dataset=fashion-mnist</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Model.Length == 0 ? "(no model)" : Model)
            .Append(CultureInfo.InvariantCulture, $" | batch={BatchSize} | epochs={Epochs}");
        if (Device.Length > 0)
        {
            text.Append(" | device=").Append(Device);
        }

        if (Dataset.Length > 0)
        {
            text.Append(" | dataset=").Append(Dataset);
        }

        return text.ToString();
    }
}
