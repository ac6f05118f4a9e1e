namespace Helix.FixTypes;

/// <summary>
/// Declares that a static method respects the equivalences of its fixtype parameters: <c>f(Fix(x)) == f(x)</c>.
/// Every parameter must be a fixtype (analyzer FIXT006). Where the project references CsCheck the generator emits a
/// property test of it (<c>RespectsEquivChecks</c>), and an xunit fact where it references xunit.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RespectsEquivAttribute : Attribute;
