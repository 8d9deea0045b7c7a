using System.CommandLine;
using System.Globalization;
using EnergyFacts.Metrics;

namespace EnergyFacts.Tool;

/// <summary><c>energyfacts metrics apc|apec|fms|asc|edp</c>: one metric for given numbers.</summary>
internal static class MetricsCommands
{
    private const string UnitNotGiven = "Wh/unspecified";

    /// <summary>The <c>metrics</c> verb and its sub-verbs.</summary>
    public static Command Create(TextWriter output, TextWriter error) => new("metrics", $"Computes one green-AI metric for given numbers; --json prints one JSON object. {ExitCodes.Legend}")
    {
        Apc(output, error, withPrice: false),
        Apc(output, error, withPrice: true),
        Fms(output, error),
        Asc(output, error),
        Edp(output, error),
    };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON object instead of a line of text." };

    private static Command Apc(TextWriter output, TextWriter error, bool withPrice)
    {
        var name = withPrice ? "apec" : "apc";
        var accuracy = new Option<double>("--accuracy") { Description = "Accuracy a, a fraction from 0 to 1.", Required = true };
        var consumption = new Option<double>("--consumption")
        {
            Description = withPrice ? "Energy consumed, in --unit (converted to kWh for the price)." : "Consumption c, in --unit.",
            Required = true,
        };
        var unit = new Option<string>("--unit")
        {
            Description = $"What --consumption counts, ENERGY/BASIS with ENERGY J, Wh or kWh: Wh/test-set, Wh/inference, kWh/run … APC is not scale-invariant, so the unit is printed with the value; when not given, Wh with an unspecified basis ({UnitNotGiven}) is assumed and said so.",
        };
        var alpha = new Option<double>("--alpha") { Description = "α from 0 to 1.", DefaultValueFactory = _ => ApcWeights.DefaultAlpha };
        var beta = new Option<double>("--beta") { Description = "β ≥ 0.", DefaultValueFactory = _ => ApcWeights.DefaultBeta };
        var price = new Option<double>("--price") { Description = "Electricity price per kWh.", Required = true };
        var currency = new Option<string>("--currency") { Description = "Currency of --price, recorded with the result.", DefaultValueFactory = _ => "EUR" };
        var json = JsonOption();
        var command = new Command(
            name,
            withPrice
                ? "Accuracy Per Energy Cost (Jurj et al., arXiv:2002.11770): a / (β·p·((1−α)(1−a)+α) + 1) with p = energy[kWh] × price."
                : "Accuracy Per Consumption (Jurj et al., arXiv:2002.11770): a / (β·c·((1−α)(1−a)+α) + 1).")
        {
            accuracy, consumption, unit, alpha, beta, json,
        };
        if (withPrice)
        {
            command.Add(price);
            command.Add(currency);
        }

        command.SetAction(EnergyFactsCommandLine.Guarded(error, parsed =>
        {
            var unitText = parsed.GetValue(unit);
            if (unitText is null)
            {
                error.WriteLine($"note: no --unit given; the consumption is taken as Wh with an unspecified basis and recorded as {UnitNotGiven}.");
            }

            var consumptionUnit = unitText is null ? new ConsumptionUnit(EnergyUnit.WattHour, "unspecified") : ConsumptionUnit.Parse(unitText);
            var weights = new ApcWeights(parsed.GetValue(alpha), parsed.GetValue(beta));
            var amount = new Consumption(parsed.GetValue(consumption), consumptionUnit);
            var score = withPrice
                ? AccuracyPerConsumption.Apec(amount, parsed.GetValue(accuracy), new PricePerKilowattHour(parsed.GetValue(price), parsed.GetValue(currency) ?? "EUR"), weights)
                : AccuracyPerConsumption.Apc(amount, parsed.GetValue(accuracy), weights);
            List<(string, object)> inputs =
            [
                ("accuracy", score.Accuracy),
                ("consumption", score.Consumption.Amount),
                ("unit", score.Consumption.Unit.ToString()),
                ("alpha", weights.Alpha),
                ("beta", weights.Beta),
                ("weighted_consumption", score.WeightedConsumption),
            ];
            if (score.Price is { } p)
            {
                inputs.Add(("price_per_kwh", p.Amount));
                inputs.Add(("currency", p.Currency));
            }

            return MetricOutput.Write(output, parsed.GetValue(json), name, score.Value, inputs);
        }));
        return command;
    }

    private static Command Fms(TextWriter output, TextWriter error)
    {
        var performance = new Option<double>("--performance") { Description = "Performance P (top-1, mIoU, AP …), a fraction from 0 to 1.", Required = true };
        var energy = new Option<double>("--energy-kwh") { Description = "Energy spent to reach it, in kWh.", Required = true };
        var reference = new Option<double>("--reference-kwh") { Description = "Reference energy E_ref in kWh (energy score ½ there).", DefaultValueFactory = _ => 1 };
        var beta = new Option<double>("--beta") { Description = "β > 0; > 1 weighs the energy score more, < 1 the performance (FMS tends to S_E as β grows, to P as β nears 0).", DefaultValueFactory = _ => 1 };
        var json = JsonOption();
        var command = new Command("fms", "Sustainable harmonic mean FMS (EnergyFacts' definition after Li et al., arXiv:2509.00045): (1+β²)·P·S / (β²·P + S), S = E_ref / (E_ref + E).")
        {
            performance, energy, reference, beta, json,
        };
        command.SetAction(EnergyFactsCommandLine.Guarded(error, parsed =>
        {
            var value = SustainabilityScores.Fms(
                parsed.GetValue(performance), new KilowattHours(parsed.GetValue(energy)).ToJoules(), new KilowattHours(parsed.GetValue(reference)).ToJoules(), parsed.GetValue(beta));
            return MetricOutput.Write(output, parsed.GetValue(json), "fms", value,
                [("performance", parsed.GetValue(performance)), ("energy_kwh", parsed.GetValue(energy)), ("reference_kwh", parsed.GetValue(reference)), ("beta", parsed.GetValue(beta)), ("definition", "EnergyFacts")]);
        }));
        return command;
    }

    private static Command Asc(TextWriter output, TextWriter error)
    {
        var points = new Option<string[]>("--point")
        {
            Description = "A point KWH:P of the curve (cumulative energy in kWh, performance 0–1), in order; repeat the option, e.g. --point 0.1:0.5 --point 0.2:0.8.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var budget = new Option<double?>("--budget-kwh") { Description = "Energy budget E_max in kWh [default: the last point's energy]." };
        var initial = new Option<double>("--initial") { Description = "Performance at zero energy.", DefaultValueFactory = _ => 0 };
        var json = JsonOption();
        var command = new Command("asc", "Area under the performance–cumulative-energy curve over [0, E_max] ÷ E_max (EnergyFacts' definition after Li et al., arXiv:2509.00045), in [0, 1].")
        {
            points, budget, initial, json,
        };
        command.SetAction(EnergyFactsCommandLine.Guarded(error, parsed =>
        {
            var curve = (parsed.GetValue(points) ?? []).Select(ParsePoint).ToList();
            var maximum = parsed.GetValue(budget) is { } b ? new KilowattHours(b).ToJoules() : curve.Count > 0 ? curve[^1].CumulativeEnergy : Joules.Zero;
            var value = SustainabilityScores.Asc(curve, maximum, parsed.GetValue(initial));
            return MetricOutput.Write(output, parsed.GetValue(json), "asc", value,
                [("points", curve.Count), ("budget_kwh", maximum.ToKilowattHours().Value), ("initial", parsed.GetValue(initial)), ("definition", "EnergyFacts")]);
        }));
        return command;
    }

    private static Command Edp(TextWriter output, TextWriter error)
    {
        var joules = new Option<double?>("--energy-joules") { Description = "Energy E in joules." };
        var kilowattHours = new Option<double?>("--energy-kwh") { Description = "Energy E in kWh (instead of --energy-joules)." };
        var seconds = new Option<double>("--seconds") { Description = "Delay t in seconds: the run's duration, or one inference's latency with E per inference.", Required = true };
        var json = JsonOption();
        var command = new Command("edp", "Energy-delay product E·t in J·s (lower is better).") { joules, kilowattHours, seconds, json };
        command.SetAction(EnergyFactsCommandLine.Guarded(error, parsed =>
        {
            var energy = (parsed.GetValue(joules), parsed.GetValue(kilowattHours)) switch
            {
                ({ } j, null) => new Joules(j),
                (null, { } k) => new KilowattHours(k).ToJoules(),
                _ => throw new ArgumentException("Give the energy once: either --energy-joules or --energy-kwh."),
            };
            var t = parsed.GetValue(seconds);
            if (!(t >= 0) || !double.IsFinite(t))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--seconds must be a finite number ≥ 0; got {t}."));
            }

            var value = EnergyEfficiency.EnergyDelayProduct(energy, TimeSpan.FromSeconds(t));
            return MetricOutput.Write(output, parsed.GetValue(json), "edp", value.Value, [("energy_joules", energy.Value), ("seconds", t), ("unit", "J·s")]);
        }));
        return command;
    }

    private static PerformancePoint ParsePoint(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var kwh)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var performance)
                ? new PerformancePoint(new KilowattHours(kwh).ToJoules(), performance)
                : throw new FormatException($"--point '{text}' is not KWH:P, e.g. 0.25:0.91 (cumulative energy in kWh, performance from 0 to 1).");
    }
}
