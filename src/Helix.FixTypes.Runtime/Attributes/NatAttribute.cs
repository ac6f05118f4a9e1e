namespace Helix.FixTypes;

/// <summary>A natural number (ACL2 <c>nfix</c>): negative values fix to 0.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NatAttribute : Attribute;
