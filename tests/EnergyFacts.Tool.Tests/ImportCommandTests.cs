using EnergyFacts.Results.CodeCarbon;
using EnergyFacts.Results.Csv;
using EnergyFacts.Results.Jsonl;

namespace EnergyFacts.Tool.Tests;

public sealed class ImportCommandTests
{
    public static TheoryData<int> ColumnSetIndexes => [.. Enumerable.Range(0, CodeCarbonFixtures.ColumnSets.Count)];

    [Fact]
    public void The_reader_knows_every_column_set_of_the_table_in_its_order()
    {
        Assert.Equal(CodeCarbonFixtures.ColumnSets.Count, CodeCarbonColumnSet.All.Count);
        foreach (var ((_, _, columns), known) in CodeCarbonFixtures.ColumnSets.Zip(CodeCarbonColumnSet.All))
        {
            Assert.Equal(columns, known.Columns);
        }
    }

    [Theory]
    [MemberData(nameof(ColumnSetIndexes))]
    public void Every_column_set_imports(int index)
    {
        var (versions, firstTag, columns) = CodeCarbonFixtures.ColumnSets[index];
        var grams = versions.StartsWith("v2.0.0", StringComparison.Ordinal);
        using var folder = new TempFolder();
        var csv = folder.File("emissions.csv", CodeCarbonFixtures.Csv(columns, firstTag, grams));
        var results = Path.Combine(folder.Path, "results");

        var run = ToolRun.Of("import", csv, "--out", results);

        Assert.True(run.ExitCode == 0, run.Error);
        var rows = EmissionsCsv.Read(Path.Combine(results, "emissions.csv"));
        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal("0.005", row["energy_consumed"]);
            Assert.Equal("18000", row["energy_joules"]);
            Assert.Equal("0.002", row["emissions"]);
            Assert.Equal("2E-05", row["emissions_rate"]);
            Assert.Equal("100", row["duration"]);
            Assert.Equal("France", row["country_name"]);
            Assert.Equal("400", row["carbon_intensity"]);
            Assert.Matches("^cpu=(imported|none);gpu=(imported|none);ram=(imported|none)$", row["energy_source"]);
            Assert.Contains("=imported", row["energy_source"], StringComparison.Ordinal);
            Assert.StartsWith("codecarbon-", row["probes"], StringComparison.Ordinal);
        }

        var expectedVersion = columns.Contains("codecarbon_version") ? firstTag : CodeCarbonColumnSet.All[index].Versions;
        Assert.Equal($"codecarbon-{expectedVersion}", rows[0]["probes"]);
        Assert.Equal(2, ExperimentsJsonl.Read(Path.Combine(results, "experiments.jsonl")).Count);
        Assert.True(File.Exists(Path.Combine(results, "summary.md")));
        if (grams)
        {
            Assert.Contains("converted to kg CO2eq/s", run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_reordered_header_with_empty_columns_moved_to_the_end_reads_by_name()
    {
        // CodeCarbon 3.1.1–3.2.3: columns empty so far are deleted, then re-added at the end when a row has a value.
        var latest = CodeCarbonFixtures.ColumnSets[^1].Columns;
        string[] moved = ["region", "gpu_count", "longitude", "latitude"];
        var header = latest.Where(c => !moved.Contains(c)).Concat(["gpu_count", "longitude"]).ToList();
        var text = string.Join(',', header) + "\n" + string.Join(',', header.Select(c => c switch
        {
            "gpu_count" => "1",
            "longitude" => "2.35",
            _ => CodeCarbonFixtures.Value(c, "3.2.2", gramsPerSecond: false, 1).Replace("Intel(R) Xeon(R) CPU @ 2.20GHz", "Xeon", StringComparison.Ordinal),
        })) + "\n";
        using var folder = new TempFolder();
        var results = Path.Combine(folder.Path, "out");

        var run = ToolRun.Of("import", folder.File("reordered.csv", text), "--out", results);

        Assert.True(run.ExitCode == 0, run.Error);
        var row = Assert.Single(EmissionsCsv.Read(Path.Combine(results, "emissions.csv")));
        Assert.Equal("1", row["gpu_count"]);
        Assert.Equal("2.35", row["longitude"]);
        Assert.Equal("", row["latitude"]);
        Assert.Equal("0.005", row["energy_consumed"]);
        Assert.Equal("codecarbon-3.2.2", row["probes"]);
        Assert.Contains("cpu=imported", row["energy_source"], StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_user_columns_fill_the_experiment_and_percent_accuracy_becomes_a_fraction()
    {
        // The EE-Training layout: CodeCarbon's columns with the experiment's own inserted and appended.
        var text =
            "timestamp,project_name,run_id,experiment_id,experiment_name,model,dataset,epochs,batch_size,duration,emissions,energy_consumed,codecarbon_version,train_loss,eval_top1,eval_top5,lr,images_per_second\n" +
            "2024-05-01T12:00:00,ee,6f1c2f9e-1111-4000-8000-000000000001,5b0fa12a-3dd7-45bb-9766-cc326314d9f1,resnet18-c10,resnet18,cifar10,3,64,120,0.003,0.006,2.4.3rc1,0.61,91.45,99.6,0.001,850\n" +
            "2024-05-01T13:00:00,ee,6f1c2f9e-1111-4000-8000-000000000002,5b0fa12a-3dd7-45bb-9766-cc326314d9f1,vgg16-c10,vgg16,cifar10,3,128,240,0.006,0.012,2.4.3rc1,0.55,88.1,99.1,0.001,410\n";
        using var folder = new TempFolder();
        var results = Path.Combine(folder.Path, "out");

        var run = ToolRun.Of("import", folder.File("ee.csv", text), "--out", results);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("column 'eval_top1' is accuracy in percent (max 91.45); divided by 100 to a fraction", run.Output, StringComparison.Ordinal);
        var rows = EmissionsCsv.Read(Path.Combine(results, "emissions.csv"));
        Assert.Equal("0.9145", rows[0]["eval_top1"]);
        Assert.Equal("0.996", rows[0]["eval_top5"]);
        Assert.Equal("resnet18", rows[0]["model"]);
        Assert.Equal("cifar10", rows[0]["dataset"]);
        Assert.Equal("3", rows[0]["epochs"]);
        Assert.Equal("64", rows[0]["batch_size"]);
        Assert.Equal("0.61", rows[0]["train_loss"]);
        Assert.Equal("resnet18-c10", rows[0]["experiment_name"]);
        Assert.Equal("images_per_second=850", rows[0]["metrics"]);
        Assert.Equal("0.881", rows[1]["eval_top1"]);
    }

    [Fact]
    public void Ragged_rows_of_offline_mode_are_rebuilt_by_the_version_column_set()
    {
        // CodeCarbon 3.2.9/3.3.0 offline append drops the empty region, longitude and latitude: 35 fields under 38 columns.
        var columns = CodeCarbonFixtures.ColumnSets[^1].Columns;
        var full = CodeCarbonFixtures.Csv(columns, "3.3.0", gramsPerSecond: false, rows: 1).Split('\n');
        var fields = columns.Where(c => c is not ("region" or "longitude" or "latitude")).Select(c => CodeCarbonFixtures.Value(c, "3.3.0", false, 2));
        var ragged = string.Join(',', fields.Select(f => f.Contains(',', StringComparison.Ordinal) ? $"\"{f}\"" : f));
        using var folder = new TempFolder();
        var results = Path.Combine(folder.Path, "out");

        var run = ToolRun.Of("import", folder.File("offline.csv", $"{full[0]}\n{full[1]}\n{ragged}\n"), "--out", results);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("1 short rows (CodeCarbon 3.2.9/3.3.0 offline mode) rebuilt", run.Output, StringComparison.Ordinal);
        var rows = EmissionsCsv.Read(Path.Combine(results, "emissions.csv"));
        Assert.Equal(2, rows.Count);
        Assert.Equal(rows[0]["ram_total_size"], rows[1]["ram_total_size"]);
        Assert.Equal("15.5", rows[1]["ram_total_size"]);
        Assert.Equal("machine", rows[1]["tracking_mode"]);
        Assert.Equal("N", rows[1]["on_cloud"]);
        Assert.Equal("4.2", rows[1]["ram_used_gb"]);
        Assert.Equal("", rows[1]["longitude"]);
        Assert.Contains("rebuilt with region, longitude, latitude empty", rows[1]["warnings"], StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_row_is_reported_with_file_and_line_and_the_rest_imported()
    {
        var text = "timestamp,project_name,run_id,duration,emissions,energy_consumed\n" +
            "2024-05-01T12:00:00,p,6f1c2f9e-1111-4000-8000-000000000001,10,0.001,0.002\n" +
            "2024-05-01T12:01:00,p,6f1c2f9e-1111-4000-8000-000000000002,ten,0.001,0.002\n" +
            "2024-05-01T12:02:00,p,6f1c2f9e-1111-4000-8000-000000000003,10,0.001,-1\n" +
            "2024-05-01T12:03:00,p,6f1c2f9e-1111-4000-8000-000000000004,10,0.001,0.004\n";
        using var folder = new TempFolder();
        var csv = folder.File("bad.csv", text);
        var results = Path.Combine(folder.Path, "out");

        var run = ToolRun.Of("import", csv, "--out", results);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{csv}:3: line 3: duration is 'ten', not a number. Row skipped.", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{csv}:4: line 4: energy_consumed is -1 kWh; energies must be finite and ≥ 0. Row skipped.", run.Error, StringComparison.Ordinal);
        Assert.Equal(["0.002", "0.004"], EmissionsCsv.Read(Path.Combine(results, "emissions.csv")).Select(r => r["energy_consumed"]));
    }

    [Fact]
    public void A_file_that_is_not_codecarbon_is_refused_and_nothing_is_written()
    {
        using var folder = new TempFolder();
        var results = Path.Combine(folder.Path, "out");

        var run = ToolRun.Of("import", folder.File("other.csv", "name,score\na,1\n"), "--out", results);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a CodeCarbon emissions.csv: it has no energy_consumed (or cpu_energy) column", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(results, "emissions.csv")));
    }

    [Fact]
    public void Importing_twice_appends_and_a_foreign_results_file_is_never_overwritten()
    {
        var (_, tag, columns) = CodeCarbonFixtures.ColumnSets[^1];
        using var folder = new TempFolder();
        var csv = folder.File("emissions.csv", CodeCarbonFixtures.Csv(columns, tag, false));
        var results = Path.Combine(folder.Path, "out");

        Assert.Equal(0, ToolRun.Of("import", csv, "--out", results).ExitCode);
        Assert.Equal(0, ToolRun.Of("import", csv, "--out", results).ExitCode);
        Assert.Equal(4, EmissionsCsv.Read(Path.Combine(results, "emissions.csv")).Count);

        // A CodeCarbon file in the target folder: refused, left as it was.
        var foreign = Path.Combine(folder.Path, "foreign");
        Directory.CreateDirectory(foreign);
        File.Copy(csv, Path.Combine(foreign, "emissions.csv"));
        var run = ToolRun.Of("import", csv, "--out", foreign);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("different header", run.Error, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(csv), File.ReadAllText(Path.Combine(foreign, "emissions.csv")));
        Assert.False(File.Exists(Path.Combine(foreign, "experiments.jsonl")));
    }

    [Fact]
    public void An_energyfacts_results_file_is_not_imported_as_codecarbon()
    {
        var (_, tag, columns) = CodeCarbonFixtures.ColumnSets[^1];
        using var folder = new TempFolder();
        var first = Path.Combine(folder.Path, "first");
        Assert.Equal(0, ToolRun.Of("import", folder.File("emissions.csv", CodeCarbonFixtures.Csv(columns, tag, false)), "--out", first).ExitCode);
        var ours = File.ReadAllText(Path.Combine(first, "emissions.csv")).Replace($",{tag},", ",energyfacts-0.1.0,", StringComparison.Ordinal);

        var run = ToolRun.Of("import", folder.File("ours.csv", ours), "--out", Path.Combine(folder.Path, "second"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("written by EnergyFacts (energyfacts-0.1.0)", run.Error, StringComparison.Ordinal);
    }
}
