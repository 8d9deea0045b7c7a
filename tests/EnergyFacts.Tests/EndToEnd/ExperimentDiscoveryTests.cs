namespace EnergyFacts.Tests.EndToEnd;

public sealed class ExperimentDiscoveryTests
{
    private const string Constant = "constant:cpu=10,gpu=0,ram=1";

    [Fact]
    public void Two_attributes_on_one_method_are_two_cases_named_after_model_batch_and_epochs()
    {
        var run = SampleExperimentsProcess.Run(["--list-tests"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Train [resnet18 | batch=64 | epochs=2]", run.Output, StringComparison.Ordinal);
        Assert.Contains("Train [mlp | batch=32 | epochs=1 | dataset=synthetic | seed=7]", run.Output, StringComparison.Ordinal);
        Assert.Contains("SampleExperiments.Training.PlainFact", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model=resnet18", 1)]
    [InlineData("batch=32", 1)]
    [InlineData("epochs=2", 1)]
    [InlineData("dataset=synthetic", 1)]
    [InlineData("model=trials", 3)]
    public void Each_case_carries_its_traits_for_filtering(string trait, int expectedTests)
    {
        var run = SampleExperimentsProcess.Run(["--filter-trait", trait, "--energy-probes", Constant]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expectedTests, run.Count("succeeded"));
        Assert.Equal(expectedTests, run.Count("total"));
    }

    [Fact]
    public void The_energy_category_trait_selects_only_experiments()
    {
        var run = SampleExperimentsProcess.Run(["--filter-trait", "category=energy", "--filter-class", "SampleExperiments.Training", "--energy-probes", Constant]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(5, run.Count("total")); // two Train cases + three trials of Repeated; PlainFact excluded
    }

    [Fact]
    public void Trials_run_as_separate_measured_tests()
    {
        var run = SampleExperimentsProcess.Run(["--filter-method", "SampleExperiments.Training.Repeated", "--energy-probes", Constant]);

        Assert.Equal(3, run.Count("succeeded"));
        Assert.Contains("Repeated [trials | batch=8 | epochs=1] (trial 3/3)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_attribute_values_fail_the_case_at_discovery_naming_each_value()
    {
        var run = SampleExperimentsProcess.Run(["--filter-method", "SampleExperiments.Faults.BadDefinition"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("model = '' is empty", run.Output, StringComparison.Ordinal);
        Assert.Contains("batch = 0 is not allowed; the batch size must be ≥ 1", run.Output, StringComparison.Ordinal);
        Assert.Contains("epochs = -1 is not allowed", run.Output, StringComparison.Ordinal);
        Assert.Contains("Trials = 0 is not allowed; Trials must be ≥ 1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_method_with_other_parameters_fails_with_the_allowed_signature()
    {
        var run = SampleExperimentsProcess.Run(["--filter-method", "SampleExperiments.Faults.BadSignature"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("takes no parameters or one ExperimentContext; 'BadSignature' takes (Int32)", run.Output, StringComparison.Ordinal);
    }
}
