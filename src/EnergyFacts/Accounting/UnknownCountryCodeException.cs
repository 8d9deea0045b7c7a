namespace EnergyFacts.Accounting;

/// <summary>A country code that is not in the carbon-intensity table; the message names it, what is allowed and close matches.</summary>
internal sealed class UnknownCountryCodeException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full, user-facing message.</param>
    /// <param name="countryCode">The value that was given.</param>
    /// <param name="suggestions">Close matches, as ISO 3166-1 alpha-3 codes.</param>
    public UnknownCountryCodeException(string message, string countryCode, IReadOnlyList<string> suggestions)
        : base(message)
    {
        CountryCode = countryCode;
        Suggestions = suggestions;
    }

    /// <summary>Creates the exception.</summary>
    public UnknownCountryCodeException() : this("Unknown country code.", string.Empty, []) { }

    /// <summary>Creates the exception.</summary>
    public UnknownCountryCodeException(string message) : this(message, string.Empty, []) { }

    /// <summary>Creates the exception.</summary>
    public UnknownCountryCodeException(string message, Exception innerException) : base(message, innerException)
    {
        CountryCode = string.Empty;
        Suggestions = [];
    }

    /// <summary>The value that was given.</summary>
    public string CountryCode { get; }

    /// <summary>Close matches, as ISO 3166-1 alpha-3 codes (may be empty).</summary>
    public IReadOnlyList<string> Suggestions { get; }
}
