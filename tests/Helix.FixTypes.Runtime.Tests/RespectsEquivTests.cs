using Helix.FixTypes.Generated;

namespace Helix.FixTypes.Runtime.Tests;

/// <summary>The generated congruence checks run (the generated RespectsEquivFacts run them too); a function that does
/// not fix its input fails its check.</summary>
public sealed class RespectsEquivTests
{
    [Fact]
    public void Generated_checks_pass() => RespectsEquivChecks.All(200);

    [Fact]
    public void A_function_that_ignores_fixing_is_caught()
    {
        // Radius read without Fix: raw negative radii give a different answer than their fixed form.
        static long Leaky(Types.Shape s) => s is Types.Shape.Circle c ? c.Radius : 0;
        Assert.ThrowsAny<Exception>(() => CsCheck.Check.Sample(Types.ShapeGen.Raw, s => Leaky(Types.Shape.Fix(s)) == Leaky(s), iter: 2000));
    }
}
