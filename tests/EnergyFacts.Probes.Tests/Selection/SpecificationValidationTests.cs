namespace EnergyFacts.Probes.Tests.Selection;

public sealed class SpecificationValidationTests
{
    private static readonly ProbeCatalog Catalog = DefaultProbeProviders.CreateCatalog();

    [Theory]
    [InlineData("")]
    [InlineData("auto")]
    [InlineData("AUTO")]
    [InlineData("rapl")]
    [InlineData("nvml,cpu-model,ram-model")]
    [InlineData("rapl, ram-model, auto")]
    [InlineData("constant:cpu=95,gpu=0,ram=5")]
    [InlineData("constant:cpu=95,gpu=0,ram=5,nvml")]
    [InlineData("replay:/nonexistent/trace.csv")] // existence is Select's business
    public void Well_formed_lists_are_accepted(string spec) => Assert.Null(Catalog.Validate(spec));

    [Theory]
    [InlineData("rapl2", "Unknown probe 'rapl2' in 'rapl2'. Allowed: auto, rapl, nvml, cpu-model, ram-model, constant:cpu=W,gpu=W,ram=W, replay:PATH.")]
    [InlineData("auto,bogus", "Unknown probe 'bogus' in 'auto,bogus'.")]
    [InlineData("auto:fast", "'auto:fast' in 'auto:fast': 'auto' takes no argument.")]
    [InlineData("rapl:psys", "Probe 'rapl' takes no argument, found 'rapl:psys'.")]
    [InlineData("nvml:0", "Probe 'nvml' takes no argument, found 'nvml:0'.")]
    [InlineData("cpu-model:95", "Probe 'cpu-model' takes no argument, found 'cpu-model:95'.")]
    [InlineData("ram-model:8", "Probe 'ram-model' takes no argument, found 'ram-model:8'.")]
    [InlineData("constant", "Probe 'constant' needs watts per component")]
    [InlineData("constant:cpu=lots", "'lots' for cpu in 'constant:cpu=lots' is not a power.")]
    [InlineData("constant:disk=5", "'disk=5' in 'constant:disk=5' is not component=watts.")]
    [InlineData("constant:cpu=1,cpu=2", "Component 'cpu' appears twice in 'constant:cpu=1,cpu=2'.")]
    [InlineData("replay:", "Probe 'replay' needs a file: 'replay:PATH'")]
    public void Malformed_lists_are_refused_naming_the_value_and_what_is_allowed(string spec, string expected)
    {
        var message = Catalog.Validate(spec);
        Assert.NotNull(message);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_never_asks_a_provider_for_probes()
    {
        var spy = new SpyProvider();
        var catalog = new ProbeCatalog([spy]);
        Assert.Null(catalog.Validate("spy"));
        Assert.Contains("spy refuses 'x'", catalog.Validate("spy:x"), StringComparison.Ordinal);
        Assert.Equal(0, spy.Offers);
    }

    [Fact]
    public void Select_checks_the_whole_list_before_opening_any_probe()
    {
        var spy = new SpyProvider();
        var catalog = new ProbeCatalog([spy, .. DefaultProbeProviders.All]);
        Assert.Throws<ProbeConfigurationException>(() => catalog.Select("spy,constant:cpu=lots", ProbeSettings.Empty));
        Assert.Equal(0, spy.Offers);
    }

    private sealed class SpyProvider : IProbeProvider
    {
        public int Offers { get; private set; }

        public string Name => "spy";

        public string Syntax => "spy";

        public int? AutoRank => null;

        public IReadOnlyList<ProbeSettingDefinition> Settings => [];

        public string? ValidateArgument(string? argument) => argument is null ? null : $"spy refuses '{argument}'";

        public ProbeOffer Offer(string? argument, ProbeSettings settings)
        {
            Offers++;
            return ProbeOffer.Unavailable("spy offers nothing");
        }
    }
}
