using System.Reflection;
using EnergyFacts.Framework;
using Xunit.Sdk;
using Xunit.v3;

namespace EnergyFacts.Tests.Framework;

/// <summary>IDE test explorers keep discovered cases as serialized strings and run them from those strings.</summary>
public sealed class EnergyTestCaseSerializationTests
{
    [Fact]
    public void An_experiment_case_round_trips_through_xunit_serialization()
    {
        var method = typeof(Experiments).GetMethod(nameof(Experiments.Train), BindingFlags.Public | BindingFlags.Instance)!;
        var attribute = method.GetCustomAttributes<EnergyExperimentAttribute>().Single(a => a.Batch == 64);
        var assembly = new XunitTestAssembly(typeof(Experiments).Assembly, null, null, null, null, null, new Version(1, 0));
        var collection = new XunitTestCollection(assembly, null, disableParallelization: true, "EnergyFacts experiments", "collection-id");
        var testMethod = new XunitTestMethod(new XunitTestClass(typeof(Experiments), collection, "class-id"), method, [], "method-id");
        var traits = new Dictionary<string, HashSet<string>> { ["category"] = ["energy"], ["model"] = ["resnet18"] };
        var original = new EnergyTestCase(testMethod, "Train [resnet18 | batch=64 | epochs=2 | dataset=cifar10]", "case-id", attribute, traits);

        var serialized = SerializationHelper.Instance.Serialize(original);
        var copy = SerializationHelper.Instance.Deserialize<EnergyTestCase>(serialized)!;

        Assert.Equal(new ExperimentDefinition("resnet18", 64, 2, "cifar10", "cpu", 3, 11), copy.Definition);
        Assert.Equal("Train [resnet18 | batch=64 | epochs=2 | dataset=cifar10]", copy.TestCaseDisplayName);
        Assert.Equal("case-id", copy.UniqueID);
        Assert.Equal(["energy"], copy.Traits["category"]);
        Assert.True(copy.TestCollection.DisableParallelization);
        Assert.Equal(method, copy.TestMethod.Method);
    }

    [Fact]
    public async Task Each_trial_becomes_its_own_test_carrying_the_context()
    {
        var method = typeof(Experiments).GetMethod(nameof(Experiments.Train))!;
        var attribute = method.GetCustomAttributes<EnergyExperimentAttribute>().Single(a => a.Batch == 64);
        var assembly = new XunitTestAssembly(typeof(Experiments).Assembly, null, null, null, null, null, new Version(1, 0));
        var collection = new XunitTestCollection(assembly, null, true, "EnergyFacts experiments", "collection-id");
        var testMethod = new XunitTestMethod(new XunitTestClass(typeof(Experiments), collection, "class-id"), method, [], "method-id");
        var testCase = new EnergyTestCase(testMethod, "Train [x]", "case-id", attribute, []);

        var tests = await testCase.CreateTests();

        Assert.Equal(["Train [x] (trial 1/3)", "Train [x] (trial 2/3)", "Train [x] (trial 3/3)"], tests.Select(t => t.TestDisplayName));
        var contexts = tests.Cast<EnergyTest>().Select(t => t.Context).ToList();
        Assert.Equal([1, 2, 3], contexts.Select(c => c.Trial));
        Assert.All(tests, t => Assert.Same(((EnergyTest)t).Context, Assert.Single(t.TestMethodArguments)));
        Assert.All(contexts, c => Assert.Equal(11, c.Seed));
    }

    // Not public, so xUnit does not discover it as a test class of this assembly.
    private sealed class Experiments
    {
        [EnergyExperiment("resnet18", 64, 2, Dataset = "cifar10", Device = "cpu", Trials = 3, Seed = 11)]
        [EnergyExperiment("resnet18", 128, 2, Dataset = "cifar10")]
        public void Train(ExperimentContext context) => Assert.NotNull(context);
    }
}
