namespace Helix.Core;

/// <summary>
/// A run's options (or a model's config) hold a value that cannot work. <see cref="Option"/> is the property's name
/// in library terms (for example <c>nameof(TrainingOptions.Steps)</c>); a host maps it to its own wording (a CLI
/// flag), so libraries never name command-line flags.
/// </summary>
public class InvalidOptionException(string option, string message)
    : ArgumentException($"{option}: {message}", option)
{
    /// <summary>The option's property name.</summary>
    public string Option { get; } = option;

    /// <summary>What is wrong and how to fix it, without the option's name.</summary>
    public string Reason { get; } = message;
}
