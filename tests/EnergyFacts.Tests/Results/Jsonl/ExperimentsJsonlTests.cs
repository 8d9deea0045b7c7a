using System.Globalization;
using System.Text.Json;
using EnergyFacts.Accounting;
using EnergyFacts.Probes;
using EnergyFacts.Results;
using EnergyFacts.Results.Jsonl;

namespace EnergyFacts.Tests.Results.Jsonl;

public sealed class ExperimentsJsonlTests
{
    [Fact]
    public void Each_row_is_one_line_with_every_column_typed_the_history_and_the_schema()
    {
        using var folder = ResultSamples.NewFolder();
        var row = ResultSamples.Row(message: "line one\nline two");
        new ExperimentsJsonlSink(folder.Path).Append(row);

        var lines = File.ReadAllLines(folder.File(ExperimentsJsonl.FileName));
        var line = Assert.Single(lines);
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;

        Assert.Equal(ExperimentsJsonl.Schema, root.GetProperty("schema").GetString());
        Assert.All(ResultColumns.Names, name => Assert.True(root.TryGetProperty(name, out _), name));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("energy_consumed").ValueKind);
        Assert.Equal(row.Account.EnergyConsumed.Value, root.GetProperty("energy_consumed").GetDouble());
        Assert.Equal(1024, root.GetProperty("samples").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("longitude").ValueKind);
        Assert.Equal("line one\nline two", root.GetProperty("message").GetString());
        var history = root.GetProperty("history");
        Assert.Equal(2, history.GetArrayLength());
        Assert.Equal(2, history[1].GetProperty("epoch").GetInt32());
        Assert.Equal(0.625, history[1].GetProperty("eval_top1").GetDouble());
        Assert.Equal(5.25, history[1].GetProperty("duration").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("statistics").ValueKind);
    }

    [Fact]
    public void Trial_statistics_settings_probe_legends_and_energy_above_idle_are_typed()
    {
        using var folder = ResultSamples.NewFolder();
        var statistics = TrialStatistics.Of(
        [
            new TrialObservation(new Joules(10), TimeSpan.FromSeconds(1), new KilogramsCo2e(1)),
            new TrialObservation(new Joules(14), TimeSpan.FromSeconds(3), new KilogramsCo2e(3)),
        ]);
        var row = ResultSamples.Row(trial: 2, trials: 2) with
        {
            Statistics = statistics,
            Settings = [new("pue", "1.2", "--energy-pue"), new("country", "FRA", "ENERGYFACTS_COUNTRY")],
            ProbeLegends = [new("cpu-model", "TDP 65 W from cpu_power.csv")],
            AboveIdle = new AboveIdleEnergy([new(PowerComponent.Cpu, new Watts(20), new Joules(800)), new(PowerComponent.Ram, new Watts(6), new Joules(-10))]),
        };
        new ExperimentsJsonlSink(folder.Path).Append(row);

        using var json = JsonDocument.Parse(File.ReadAllText(folder.File(ExperimentsJsonl.FileName)));
        var root = json.RootElement;
        var stats = root.GetProperty("statistics");

        Assert.Equal(2, stats.GetProperty("n").GetInt32());
        Assert.Equal(0.95, stats.GetProperty("confidence_level").GetDouble());
        Assert.Equal(12, stats.GetProperty("energy_joules").GetProperty("mean").GetDouble());
        Assert.Equal(statistics.EnergyJoules.ConfidenceHigh, stats.GetProperty("energy_joules").GetProperty("ci_high").GetDouble());
        Assert.Equal(2, stats.GetProperty("duration").GetProperty("mean").GetDouble());
        var settings = root.GetProperty("settings");
        Assert.Equal("country", settings[0].GetProperty("key").GetString());
        Assert.Equal("ENERGYFACTS_COUNTRY", settings[0].GetProperty("source").GetString());
        Assert.Equal("1.2", settings[1].GetProperty("value").GetString());
        Assert.Equal("TDP 65 W from cpu_power.csv", root.GetProperty("probe_legends")[0].GetProperty("legend").GetString());
        var idle = root.GetProperty("above_idle");
        Assert.Equal(790, idle.GetProperty("energy_joules").GetDouble());
        Assert.Equal("ram", idle.GetProperty("components")[1].GetProperty("component").GetString());
        Assert.Equal(-10, idle.GetProperty("components")[1].GetProperty("energy_joules").GetDouble());
        Assert.False(root.TryGetProperty("extra", out _));
    }

    [Fact]
    public void NaN_and_infinity_are_null_in_their_numeric_field_and_named_under_non_finite()
    {
        using var folder = ResultSamples.NewFolder();
        var row = ResultSamples.Row();
        var diverged = row with
        {
            Outcome = row.Outcome with { History = [row.Outcome.History[0], row.Outcome.History[1] with { TrainLoss = double.PositiveInfinity, EvalLoss = double.NaN }] },
        };
        new ExperimentsJsonlSink(folder.Path).Append(diverged);

        using var json = JsonDocument.Parse(File.ReadAllText(folder.File(ExperimentsJsonl.FileName)));
        var root = json.RootElement;

        Assert.Equal(JsonValueKind.Null, root.GetProperty("eval_loss").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("train_loss").ValueKind);
        Assert.Equal("NaN", root.GetProperty("non_finite").GetProperty("eval_loss").GetString());
        Assert.Equal("Infinity", root.GetProperty("non_finite").GetProperty("train_loss").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("history")[1].GetProperty("eval_loss").ValueKind);
        Assert.Equal("NaN", root.GetProperty("history")[1].GetProperty("non_finite").GetProperty("eval_loss").GetString());
        Assert.False(root.GetProperty("history")[0].TryGetProperty("non_finite", out _));
        var read = Assert.Single(ExperimentsJsonl.Read(folder.File(ExperimentsJsonl.FileName)));
        Assert.Equal("NaN", read["eval_loss"]);
        Assert.Equal("Infinity", read["train_loss"]);
    }

    [Fact]
    public void A_file_begun_by_schema_1_is_still_read_and_appended_to()
    {
        using var folder = ResultSamples.NewFolder();
        var path = folder.File(ExperimentsJsonl.FileName);
        var first = ExperimentsJsonl.FormatRow(ResultSamples.Row(trial: 1)).Replace(ExperimentsJsonl.Schema, "energyfacts.experiment/1", StringComparison.Ordinal);
        File.WriteAllText(path, first + "\n");

        new ExperimentsJsonlSink(folder.Path).Append(ResultSamples.Row(trial: 2));

        Assert.Equal(["1", "2"], ExperimentsJsonl.Read(path).Select(r => r["trial"]));
    }

    [Fact]
    public void Damaged_lines_are_set_aside_by_the_readable_reader_and_the_rest_is_read()
    {
        using var folder = ResultSamples.NewFolder();
        var sink = new ExperimentsJsonlSink(folder.Path);
        sink.Append(ResultSamples.Row(trial: 1));
        var path = folder.File(ExperimentsJsonl.FileName);
        File.AppendAllText(path, "garbage line\n{\"schema\":\"someone-else/9\"}\n");
        sink.Append(ResultSamples.Row(trial: 2));
        var damaged = new List<ResultsFileFormatException>();

        var rows = ExperimentsJsonl.ReadReadable(path, damaged);

        Assert.Equal(["1", "2"], rows.Select(r => r["trial"]));
        Assert.Equal([2, 3], damaged.Select(d => d.LineNumber ?? 0));
        Assert.Contains("not valid JSON", damaged[0].Message, StringComparison.Ordinal);
        Assert.Contains("someone-else/9", damaged[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_gives_the_same_texts_as_the_csv_columns_under_any_culture()
    {
        using var folder = ResultSamples.NewFolder();
        var row = ResultSamples.Row();
        Cultures.Under(Cultures.CommaDecimal, () =>
        {
            new ExperimentsJsonlSink(folder.Path).Append(row);
            return 0;
        });

        var read = Assert.Single(ExperimentsJsonl.Read(folder.File(ExperimentsJsonl.FileName)));

        Assert.Equal(row.EnergyWithPue.Value, double.Parse(read["energy_joules"], CultureInfo.InvariantCulture));
        Assert.Equal(row.Account.Emissions.Value, double.Parse(read["emissions"], CultureInfo.InvariantCulture));
        Assert.Equal("Train [resnet18 | batch=64 | epochs=2]", read["experiment_name"]);
        Assert.Equal(string.Empty, read["longitude"]);
        Assert.Equal("2026-03-01T12:00:10+00:00", read["timestamp"]);
    }

    [Fact]
    public void Another_tools_jsonl_file_is_not_appended_to()
    {
        using var folder = ResultSamples.NewFolder();
        var path = folder.File(ExperimentsJsonl.FileName);
        File.WriteAllText(path, "{\"run\": 1}\n");

        var error = Assert.Throws<ResultsFileFormatException>(() => new ExperimentsJsonlSink(folder.Path).Append(ResultSamples.Row()));

        Assert.Equal(1, error.LineNumber);
        Assert.Contains("schema '(none)'", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal("{\"run\": 1}\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_malformed_line_is_reported_with_its_number()
    {
        using var folder = ResultSamples.NewFolder();
        var sink = new ExperimentsJsonlSink(folder.Path);
        sink.Append(ResultSamples.Row());
        var path = folder.File(ExperimentsJsonl.FileName);
        File.AppendAllText(path, "{not json}\n");

        var error = Assert.Throws<ResultsFileFormatException>(() => ExperimentsJsonl.Read(path));

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("line 2 is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_torn_line_is_set_aside_before_the_next_append()
    {
        using var folder = ResultSamples.NewFolder();
        var sink = new ExperimentsJsonlSink(folder.Path);
        sink.Append(ResultSamples.Row(trial: 1));
        var path = folder.File(ExperimentsJsonl.FileName);
        File.AppendAllText(path, "{\"schema\":\"energyfacts.experiment/2\",\"timest");

        sink.Append(ResultSamples.Row(trial: 2));

        Assert.Equal(["1", "2"], ExperimentsJsonl.Read(path).Select(r => r["trial"]));
        Assert.Single(Directory.GetFiles(folder.Path, "experiments.jsonl.torn-*"));
    }

    [Fact]
    public void No_member_name_appears_twice_in_a_line()
    {
        var line = ExperimentsJsonl.FormatRow(ResultSamples.Row());

        // JsonObject refuses duplicate names (JsonDocument would silently keep both).
        var names = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject().Select(p => p.Key).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("gate", names);
        Assert.Contains("gate_verdict", names);
    }
}
