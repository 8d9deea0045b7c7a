using System.Reflection;
using EnergyFacts.Platform;
using EnergyFacts.Probes;

namespace EnergyFacts.Framework;

/// <summary>
/// What all experiments of one test process share: the frozen settings, the run id and the chosen probes. Built on the
/// first experiment; a configuration error is kept and fails every experiment with the same clear message.
/// </summary>
internal sealed class EnergyRunState
{
    private static readonly Lazy<EnergyRunState> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lazy<ProbeSelection> probes;

    private EnergyRunState(EnergyFactsSettings? settings, Exception? settingsError)
    {
        Settings = settings;
        SettingsError = settingsError;
        probes = new Lazy<ProbeSelection>(SelectProbes, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static EnergyRunState Current => Shared.Value;

    public Guid RunId { get; } = Guid.NewGuid();

    public EnergyFactsSettings? Settings { get; }

    public Exception? SettingsError { get; }

    public ExperimentGate Gate { get; } = ExperimentGate.Machine;

    /// <summary>Whether the probes' choice has been announced in a test's output yet.</summary>
    public int ProbeChoiceAnnounced;

    public EnergyFactsSettings RequireSettings() =>
        Settings ?? throw new EnergyFactsConfigurationException(SettingsError!.Message, SettingsError);

    /// <summary>The probes; throws the same configuration error for every experiment when they cannot be chosen.</summary>
    public ProbeSelection Probes => probes.Value;

    private static EnergyRunState Create()
    {
        var environment = Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .Where(e => e.Key is string && e.Value is string)
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
        var project = Assembly.GetEntryAssembly()?.GetName().Name ?? "energyfacts";
        try
        {
            var settings = EnergyFactsSettings.Merge(environment, CommandLineOverrides.Current, AppContext.BaseDirectory, project);
            return new EnergyRunState(settings, null);
        }
        catch (EnergyFactsConfigurationException ex)
        {
            return new EnergyRunState(null, ex);
        }
    }

    private ProbeSelection SelectProbes()
    {
        var settings = RequireSettings();
        return DefaultProbeProviders.CreateCatalog().Select(settings.Probes, ProbeSettings.FromEnvironment(Environment.CurrentDirectory));
    }
}
