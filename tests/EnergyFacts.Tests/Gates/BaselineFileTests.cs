using System.Text;
using EnergyFacts.Gates;
using static EnergyFacts.Tests.Gates.GateSamples;

namespace EnergyFacts.Tests.Gates;

public sealed class BaselineFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("energyfacts-gates-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Baseline Sample() => new(
    [
        Case(Key("resnet20", 128), [1234.5678901234567, 0.1 + 0.2, 1e-7], FigureSource.Measured,
            new MachineDescription("Intel® Xeon® Gold 6338", "NVIDIA A100-SXM4-40GB", 128, "Ubuntu 22.04"),
            new FigureTrials(GatedFigure.Metric("top1"), "ratio", FigureSource.Measured, higherIsBetter: true, [0.91, 0.915, 0.9125])),
        Case(Key("lenet", 128), [10, 11, 12]),
        Case(Key("lenet", 64), [20.5, 21.5, 22.5]),
        new CaseMeasurement(new ExperimentKey("Inference.Run", "mlp", 32, 1), Machine, "replay:/traces/a.csv",
            [FigureTrials.LowerIsBetter(GatedFigure.Duration, FigureSource.Replayed, [1.5, 1.25])]),
    ]);

    [Fact]
    public void A_written_baseline_reads_back_equal_with_every_double_bit_for_bit()
    {
        var path = Path.Combine(folder, "sub", "baseline.json");
        var baseline = Sample();

        BaselineFile.Write(path, baseline);
        var read = BaselineFile.Read(path);

        Assert.False(read.IsMissing);
        Assert.Equal(baseline.Cases, read.Baseline!.Cases);
        var joules = read.Baseline.Find(Key("resnet20", 128))!.Find(GatedFigure.Energy)!.Values;
        Assert.Equal([1234.5678901234567, 0.1 + 0.2, 1e-7], joules);
        Assert.Equal(File.ReadAllText(path), BaselineFile.ToJson(read.Baseline));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Cases_are_written_sorted_by_method_model_then_batch_as_a_number_one_trial_value_per_line()
    {
        var json = BaselineFile.ToJson(Sample());

        Assert.StartsWith("{\n  \"format\": 1,\n  \"cases\": [\n", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', json);
        string[] markers = ["\"method\": \"Inference.Run\"", "\"batch\": 64", "\"batch\": 128,\n      \"epochs\": 2,\n      \"dataset\": \"fashion-mnist\",\n      \"device\": \"cpu\",\n      \"machine\": {\n        \"cpuModel\": \"AMD", "\"model\": \"resnet20\""];
        var order = markers.Select(s => json.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Contains("\"trials\": [\n            1234.5678901234567,\n            0.30000000000000004,\n            1E-07\n          ]", json, StringComparison.Ordinal);
        Assert.Contains("Intel® Xeon® Gold 6338", json, StringComparison.Ordinal);
        Assert.DoesNotContain("gpuModel\": null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refresh_with_one_changed_case_changes_only_that_case_trial_lines()
    {
        var before = Sample();
        var after = before.Refresh([Case(Key("lenet", 64), [20.5, 19.25, 22.5])]);

        var oldLines = BaselineFile.ToJson(before).Split('\n');
        var newLines = BaselineFile.ToJson(after).Split('\n');

        Assert.Equal(oldLines.Length, newLines.Length);
        var changed = oldLines.Zip(newLines).Where(p => p.First != p.Second).ToList();
        Assert.Equal([("            21.5,", "            19.25,")], changed);
        Assert.Equal(before.Cases.Count, after.Cases.Count);
    }

    [Fact]
    public void A_missing_file_is_the_missing_outcome_not_an_error()
    {
        var read = BaselineFile.Read(Path.Combine(folder, "nowhere", "baseline.json"));

        Assert.True(read.IsMissing);
        Assert.Null(read.Baseline);
        Assert.Equal(Path.Combine(folder, "nowhere", "baseline.json"), read.Path);
    }

    [Fact]
    public void Invalid_json_names_the_file_line_and_byte()
    {
        var path = Path.Combine(folder, "baseline.json");
        File.WriteAllText(path, "{\n  \"format\": 1,\n  \"cases\": [\n    { \"method\" \"x\" }\n  ]\n}\n");

        var error = Assert.Throws<BaselineFormatException>(() => BaselineFile.Read(path));

        Assert.Equal(4, error.Line);
        Assert.Equal(16, error.BytePositionInLine);
        Assert.StartsWith($"{path}:4:16: the energy baseline cannot be read: not valid JSON: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"batch\": 64", "\"batch\": 0", "\"batch\" must be a whole number ≥ 1")]
    [InlineData("\"batch\": 64", "\"batch\": \"64\"", "\"batch\" must be a whole number ≥ 1")]
    [InlineData("\"source\": \"estimated\"", "\"source\": \"guessed\"", "\"source\" must be measured, estimated, replayed or imported")]
    [InlineData("\"better\": \"lower\"", "\"better\": \"less\"", "\"better\" must be \"lower\"")]
    [InlineData("\"probes\": \"auto\"", "\"probes\": \"auto\", \"colour\": 1", "unknown property \"colour\"; allowed here: method, model, batch")]
    [InlineData("\"energy\": {", "\"energy-total\": {", "unknown figure 'energy-total'; a figure is energy, cpu-time-estimate")]
    [InlineData("            20.5,", "            NaN,", "not valid JSON")]
    [InlineData("            20.5,", "            1e400,", "a trial value must be a finite number")]
    [InlineData("\"model\": \"lenet\",", "", "the case lacks \"model\"")]
    public void A_value_that_is_not_allowed_names_its_position_and_what_is_allowed(string from, string to, string expected)
    {
        var json = BaselineFile.ToJson(new Baseline([Case(Key(), [20.5, 21.5])]));
        Assert.Contains(from, json, StringComparison.Ordinal);
        var broken = json.Replace(from, to, StringComparison.Ordinal);
        var line = broken[..broken.IndexOf(to.Length > 0 ? to : "\"batch\"", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = Assert.Throws<BaselineFormatException>(() => BaselineFile.Parse(Encoding.UTF8.GetBytes(broken), "b.json"));

        Assert.Contains(expected, error.Problem, StringComparison.Ordinal);
        Assert.InRange(error.Line, to.Length > 0 ? line : 4, line);
        Assert.StartsWith($"b.json:{error.Line}:{error.BytePositionInLine}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_format_says_so_even_when_the_rest_is_unknown_here()
    {
        var bytes = "{\n  \"cases\": { \"whatever\": [] },\n  \"format\": 2\n}\n"u8.ToArray();

        var error = Assert.Throws<BaselineFormatException>(() => BaselineFile.Parse(bytes, "b.json"));

        Assert.True(error.IsNewerFormat);
        Assert.Equal((3, 13), (error.Line, error.BytePositionInLine));
        Assert.Contains("format 2 is newer than this version of EnergyFacts reads (format 1 and older)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"cases\": [] }", "no \"format\" property")]
    [InlineData("{ \"format\": 0, \"cases\": [] }", "\"format\" must be a whole number ≥ 1")]
    [InlineData("{ \"format\": 1 }", "no \"cases\" array")]
    [InlineData("[]", "expected a JSON object")]
    [InlineData("", "the file is empty")]
    [InlineData("{", "the file ends where a property or '}' was expected")]
    [InlineData("{ \"format\": 1, \"cases\": [] } {}", "more after the end of the baseline object")]
    public void A_file_of_another_shape_is_refused_with_the_shape_allowed(string json, string expected)
    {
        var error = Assert.Throws<BaselineFormatException>(() => BaselineFile.Parse(Encoding.UTF8.GetBytes(json), "b.json"));

        Assert.Contains(expected, error.Problem, StringComparison.Ordinal);
        Assert.False(error.IsNewerFormat);
    }

    [Fact]
    public void A_second_case_with_the_same_key_names_both_lines()
    {
        var one = BaselineFile.ToJson(new Baseline([Case(Key(), [1.0])]));
        var body = one[(one.IndexOf("    {", StringComparison.Ordinal))..one.LastIndexOf("\n  ]", StringComparison.Ordinal)];
        var twice = one.Replace(body, body + ",\n" + body, StringComparison.Ordinal);

        var error = Assert.Throws<BaselineFormatException>(() => BaselineFile.Parse(Encoding.UTF8.GetBytes(twice), "b.json"));

        Assert.Contains($"a second case for {Key()} (the first is at line 4)", error.Problem, StringComparison.Ordinal);
        Assert.True(error.Line > 4);
    }

    [Fact]
    public void The_stable_key_text_looks_like_the_test_case_name_and_sorts_batches_as_numbers()
    {
        Assert.Equal("TrainingEnergy.Train [lenet | batch=64 | epochs=2 | dataset=fashion-mnist | device=cpu]", Key().ToString());
        Assert.Equal("M [mlp | batch=8 | epochs=1 | seed=3]", new ExperimentKey("M", "mlp", 8, 1, Seed: 3).ToString());
        Assert.True(Key(batch: 64).CompareTo(Key(batch: 128)) < 0);
        Assert.NotEqual(new ExperimentKey("M", "mlp", 8, 1, Seed: 3), new ExperimentKey("M", "mlp", 8, 1, Seed: 4));
    }
}
