using System.Globalization;
using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace EnergyFacts.Framework;

/// <summary>
/// xUnit's discoverer, plus: a method with <see cref="EnergyExperimentAttribute"/>s yields one <see cref="EnergyTestCase"/>
/// per attribute, placed in one non-parallel collection so experiments never overlap each other.
/// </summary>
internal sealed class EnergyTestFrameworkDiscoverer : XunitTestFrameworkDiscoverer
{
    public const string CollectionDisplayName = "EnergyFacts experiments";

    private readonly Lazy<XunitTestCollection> experimentsCollection;

    public EnergyTestFrameworkDiscoverer(IXunitTestAssembly testAssembly) : base(testAssembly, collectionFactory: null)
    {
        experimentsCollection = new(() => new XunitTestCollection(
            testAssembly,
            collectionDefinition: null,
            disableParallelization: true,
            CollectionDisplayName,
            UniqueIDGenerator.ForTestCollection(testAssembly.UniqueID, CollectionDisplayName, collectionDefinitionClassName: null)));
    }

    protected override async ValueTask<bool> FindTestsForMethod(
        IXunitTestMethod testMethod,
        ITestFrameworkDiscoveryOptions discoveryOptions,
        Func<ITestCase, ValueTask<bool>> discoveryCallback)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        ArgumentNullException.ThrowIfNull(discoveryCallback);
        var experiments = testMethod.Method.GetCustomAttributes<EnergyExperimentAttribute>(inherit: true).ToArray();
        if (experiments.Length == 0)
        {
            return await base.FindTestsForMethod(testMethod, discoveryOptions, discoveryCallback);
        }

        var energyMethod = MoveToExperimentsCollection(testMethod);
        var signatureProblem = SignatureProblem(testMethod.Method);
        var budgetProblem = BudgetProblem(testMethod.Method);
        var seen = new HashSet<ExperimentDefinition>();
        foreach (var experiment in experiments)
        {
            var definition = experiment.Definition;
            var displayName = $"{testMethod.MethodName} [{definition.Label}]";
            var uniqueId = UniqueIDGenerator.ForTestCase(
                energyMethod.UniqueID,
                null,
                [definition.Model, definition.Batch, definition.Epochs, definition.Dataset, definition.Device, definition.Trials, definition.Seed]);

            var problems = definition.Problems().ToList();
            if (signatureProblem is not null)
            {
                problems.Add(signatureProblem);
            }

            if (budgetProblem is not null)
            {
                problems.Add(budgetProblem);
            }

            var duplicate = !seen.Add(definition);
            if (duplicate)
            {
                problems.Add("the same [EnergyExperiment] appears twice on this method; each case needs different values.");
            }

            ITestCase testCase = problems.Count > 0
                ? new ExecutionErrorTestCase(
                    energyMethod,
                    displayName,
                    duplicate ? uniqueId + "-line" + experiment.SourceLineNumber.ToString(CultureInfo.InvariantCulture) : uniqueId,
                    experiment.SourceFilePath,
                    experiment.SourceLineNumber,
                    $"Invalid [EnergyExperiment] on {testMethod.TestClass.TestClassName}.{testMethod.MethodName}: " + string.Join(" ", problems))
                : new EnergyTestCase(energyMethod, displayName, uniqueId, experiment, Traits(testMethod, definition));

            if (!await discoveryCallback(testCase))
            {
                return false;
            }
        }

        return true;
    }

    private static string? SignatureProblem(MethodInfo method)
    {
        var parameters = method.GetParameters();
        var parametersOk = parameters.Length == 0
            || (parameters.Length == 1 && parameters[0].ParameterType == typeof(ExperimentContext));
        return parametersOk
            ? null
            : $"an experiment method takes no parameters or one {nameof(ExperimentContext)}; '{method.Name}' takes ({string.Join(", ", parameters.Select(p => p.ParameterType.Name))}).";
    }

    private static string? BudgetProblem(MethodInfo method)
    {
        try
        {
            return EnergyBudget.For(method)?.Problems() is [var first, ..] ? first : null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    private static Dictionary<string, HashSet<string>> Traits(IXunitTestMethod testMethod, ExperimentDefinition definition)
    {
        var traits = testMethod.Traits.ToDictionary(
            t => t.Key, t => new HashSet<string>(t.Value, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

        void Add(string name, string value)
        {
            if (!traits.TryGetValue(name, out var values))
            {
                traits[name] = values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }

            values.Add(value);
        }

        Add("category", "energy");
        Add("model", definition.Model);
        Add("batch", definition.Batch.ToString(CultureInfo.InvariantCulture));
        Add("epochs", definition.Epochs.ToString(CultureInfo.InvariantCulture));
        if (definition.Dataset is not null)
        {
            Add("dataset", definition.Dataset);
        }

        return traits;
    }

    private ExperimentTestMethod MoveToExperimentsCollection(IXunitTestMethod testMethod)
    {
        var collection = experimentsCollection.Value;
        var testClass = new XunitTestClass(
            testMethod.TestClass.Class,
            collection,
            UniqueIDGenerator.ForTestClass(collection.UniqueID, testMethod.TestClass.TestClassName));
        return new ExperimentTestMethod(testClass, testMethod.Method, UniqueIDGenerator.ForTestMethod(testClass.UniqueID, testMethod.MethodName));
    }
}
