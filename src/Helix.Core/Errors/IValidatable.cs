namespace Helix.Core;

/// <summary>
/// Options and configs check themselves: <see cref="Validate"/> throws <see cref="InvalidOptionException"/> naming the
/// first bad property, and returns the instance so that <c>Run(input, options.Validate(), ...)</c> reads naturally.
/// </summary>
public interface IValidatable<out TSelf>
{
    /// <summary>Throws <see cref="InvalidOptionException"/> on the first invalid property; returns this instance.</summary>
    TSelf Validate();
}
