using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EnergyFacts.Tool;

/// <summary>Prints a metric as one line for people or, with <c>--json</c>, one JSON object for machines.</summary>
internal static class MetricOutput
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="name"/> = <paramref name="value"/> with the inputs it was computed from.</summary>
    public static int Write(TextWriter output, bool json, string name, double value, IReadOnlyList<(string Key, object Value)> inputs)
    {
        if (json)
        {
            var document = new Dictionary<string, object> { ["metric"] = name, ["value"] = value };
            foreach (var (key, input) in inputs)
            {
                document[key] = input;
            }

            output.WriteLine(JsonSerializer.Serialize(document, Json));
        }
        else
        {
            var details = string.Join(", ", inputs.Select(i => $"{i.Key} = {Format(i.Value)}"));
            output.WriteLine($"{name.ToUpperInvariant()} = {Format(value)} ({details})");
        }

        return ExitCodes.Ok;
    }

    private static string Format(object value) => value switch
    {
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
