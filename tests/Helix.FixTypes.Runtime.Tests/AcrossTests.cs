using System.Text.Json;
using Helix.FixTypes.Json;
using Helix.FixTypes.Runtime.Tests.Types;

namespace Helix.FixTypes.Runtime.Tests;

/// <summary>Cross-field requirements (<c>WhyAcross</c>, <c>FixAcross</c>): what IsValid, Fix, JSON and reject mode do with
/// a value whose fields are each valid but do not fit together. The laws themselves are in <see cref="LawTests"/>.</summary>
public sealed class AcrossTests
{
    [Fact]
    public void IsValid_asks_the_requirement_and_Fix_repairs_with_FixAcross()
    {
        var crossed = new Window { Lo = 7, Hi = 3 };   // assignments fix one field at a time: each end is valid
        Assert.False(Window.IsValid(crossed));
        Assert.Equal(new Window { Lo = 3, Hi = 7 }, Window.Fix(crossed));
        var ok = new Window { Lo = 3, Hi = 7 };
        Assert.Same(ok, Window.Fix(ok));
        // Fields are fixed first, then the requirement: (-5, 2000) -> (0, 1000), which meets it.
        Assert.Equal(new Window { Lo = 0, Hi = 1000 }, Window.Fix(Window.__Unchecked(-5, 2000)));
        // (2000, -5) -> (1000, 0) -> swapped.
        Assert.Equal(new Window { Lo = 0, Hi = 1000 }, Window.Fix(Window.__Unchecked(2000, -5)));
        Assert.True(Window.Equiv(crossed, ok));
    }

    [Fact]
    public void Without_FixAcross_or_when_it_fails_a_value_breaking_the_requirement_fixes_to_Default()
    {
        var s = new Segment { From = new Point(5, 1), To = new Point(2, 1), Width = 3 };
        Assert.False(Segment.IsValid(s));
        Assert.Equal(Segment.Default, Segment.Fix(s));
        var ok = s with { To = new Point(9, 9) };
        Assert.Equal(ok, Segment.Fix(ok));
        Assert.Equal(Careless.Default, Careless.Fix(new Careless { A = 5, B = 1 }));
    }

    [Fact]
    public void Reject_mode_Checked_names_the_property_the_requirement_blames()
    {
        var bad = new ModelShape { Dim = 128, Heads = 3 };   // each field valid; together not
        var e = Assert.Throws<ArgumentException>(() => bad.Validate());
        Assert.Equal("Heads", e.ParamName);
        Assert.StartsWith("3 heads must divide the width 128", e.Message);
        var ok = new ModelShape { Dim = 96, Heads = 3 };
        Assert.Same(ok, ok.Validate());
        // A bad field is still rejected at once, and Checked also reports fields of values made without the checks.
        Assert.Equal("Heads", Assert.Throws<ArgumentException>(() => new ModelShape { Heads = 0 }).ParamName);
        Assert.StartsWith("must be between 1 and 4096, got 0", Assert.Throws<ArgumentException>(() => ModelShape.__Unchecked(0, 4).Validate()).Message);
        // Fix repairs instead: the largest divisor of the width not above the heads.
        Assert.Equal(new ModelShape { Dim = 128, Heads = 2 }, ModelShape.Fix(bad));
    }

    [Fact]
    public void Json_repairs_by_default_and_strict_mode_rejects_with_the_blamed_property()
    {
        Assert.Equal(new Window { Lo = 3, Hi = 7 }, JsonSerializer.Deserialize<Window>("""{"Lo":7,"Hi":3}"""));
        var e = Assert.Throws<FixTypeJsonException>(() => JsonSerializer.Deserialize<ModelShape>("""{"Dim":128,"Heads":3}""", FixJson.Strict()));
        Assert.Equal("$.Heads", e.JsonPath);
        Assert.Equal("3 heads must divide the width 128", e.Reason);
        var camel = FixJson.Strict(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        Assert.Equal("$.hi", Assert.Throws<FixTypeJsonException>(() => JsonSerializer.Deserialize<Window>("""{"lo":7,"hi":3}""", camel)).JsonPath);
        // Not strict: a reject-mode type reads by fixing, across fields too.
        Assert.Equal(new ModelShape { Dim = 128, Heads = 2 }, JsonSerializer.Deserialize<ModelShape>("""{"Dim":128,"Heads":3}"""));
    }
}
