namespace Helix.Core;

/// <summary>Small guards for <see cref="IValidatable{TSelf}.Validate"/> implementations: each throws an
/// <see cref="InvalidOptionException"/> that names the option and the allowed values.</summary>
public static class Check
{
    /// <summary>Requires <paramref name="value"/> &gt; 0.</summary>
    public static void Positive(double value, string option)
    {
        if (!(value > 0)) throw new InvalidOptionException(option, $"must be positive, got {value}");
    }

    /// <summary>Requires <paramref name="value"/> ≥ 0.</summary>
    public static void NonNegative(double value, string option)
    {
        if (!(value >= 0)) throw new InvalidOptionException(option, $"must be zero or more, got {value}");
    }

    /// <summary>Requires <paramref name="low"/> ≤ <paramref name="value"/> ≤ <paramref name="high"/>.</summary>
    public static void InRange(double value, double low, double high, string option)
    {
        if (!(value >= low && value <= high))
            throw new InvalidOptionException(option, $"must be between {low} and {high}, got {value}");
    }

    /// <summary>Requires <paramref name="condition"/>; otherwise fails with <paramref name="message"/>.</summary>
    public static void That(bool condition, string option, string message)
    {
        if (!condition) throw new InvalidOptionException(option, message);
    }
}
