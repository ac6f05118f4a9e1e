using Helix.Bilevel.Estimators;
using Helix.Core;

namespace Helix.Bilevel.Tests.Estimators;

public class BadInputTests
{
    [Theory]
    [InlineData("ufom:1.5")]
    [InlineData("ufom:-0.1")]
    [InlineData("ufom:abc")]
    [InlineData("sgd")]
    public void Bad_estimators_are_rejected_with_the_reason(string text)
    {
        var e = Assert.Throws<InvalidOptionException>(() => EstimatorSpec.Parse(text));
        Assert.Equal("Estimator", e.Option);
    }

    [Fact]
    public void Q_outside_the_unit_interval_is_rejected_on_a_spec_too()
    {
        var e = Assert.Throws<InvalidOptionException>(() => new BilevelEstimator(new EstimatorSpec(EstimatorKind.Ufom, 2), new InnerLoop(1, 0.1)));
        Assert.Contains("[0, 1]", e.Message);
    }

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(-3, 0.1)]
    [InlineData(5, 0)]
    [InlineData(5, double.NaN)]
    public void Bad_inner_loops_are_rejected(int steps, double alpha) =>
        Assert.Throws<InvalidOptionException>(() => new InnerLoop(steps, alpha).Validate());

    [Fact]
    public void Specs_round_trip_through_text()
    {
        foreach (var s in new[] { "exact", "exact:store", "fom", "ufom:0.1", "ufom:auto", "reptile" })
            Assert.Equal(s, EstimatorSpec.Parse(s).ToString());
    }
}
