namespace Helix.FixTypes.Model;

/// <summary>What the consuming compilation references, which decides the optional outputs.</summary>
/// <param name="HasCsCheck">CsCheck is referenced: emit generators and RespectsEquiv checks.</param>
/// <param name="HasXunit">xunit is referenced: emit facts for the RespectsEquiv checks.</param>
internal sealed record CompilationFlags(bool HasCsCheck, bool HasXunit);
