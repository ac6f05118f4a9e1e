using System.Text.Json;
using Helix.FixTypes.Json;
using Helix.FixTypes.Runtime.Tests.Types;

namespace Helix.FixTypes.Runtime.Tests;

/// <summary>[FixType(OnInvalid = FixPolicy.Reject)]: assignments reject invalid values with the type's own exception and
/// a message naming the constraint and the value; valid assignments, Fix, IsValid and JSON behave as for fixing types.</summary>
public sealed class RejectTests
{
    [Fact]
    public void Invalid_assignments_throw_the_types_exception_with_a_clear_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => new Settings { Rounds = 0 });
        Assert.Equal("Rounds", e.ParamName);
        Assert.StartsWith("must be at least 1, got 0", e.Message);
        Assert.StartsWith("must be between 0.5 and 1.0, got 2", Assert.Throws<ArgumentException>(() => new Settings { Decay = 2 }).Message);
        Assert.StartsWith("must be null or a positive time, got -00:00:01",
            Assert.Throws<ArgumentException>(() => new Settings { Limit = TimeSpan.FromSeconds(-1) }).Message);
        Assert.Equal("Name", Assert.Throws<ArgumentException>(() => new Settings { Name = " x " }).ParamName);
        Assert.Equal("Rounds", Assert.Throws<ArgumentException>(() => new Settings().WithRounds(-5)).ParamName);
        Assert.Equal("Decay", Assert.Throws<ArgumentException>(() => new Settings() with { Decay = double.NaN }).ParamName);
    }

    [Fact]
    public void Valid_assignments_keep_their_values_and_defaults_are_fixed()
    {
        var s = new Settings { Rounds = 9, Decay = 0.75, Name = "run", Limit = TimeSpan.FromMinutes(2) };
        Assert.Equal((9, 0.75, "run", TimeSpan.FromMinutes(2)), (s.Rounds, s.Decay, s.Name, s.Limit));
        var d = new Settings();
        Assert.Equal((4, 0.5, "", (TimeSpan?)null), (d.Rounds, d.Decay, d.Name, d.Limit));   // 0.0 fixes to 0.5
        Assert.True(Settings.IsValid(s) && Settings.IsValid(d));
        Assert.Same(s, Settings.Fix(s));
    }

    [Fact]
    public void Fix_repairs_values_built_around_the_checks()
    {
        var bad = Settings.__Unchecked(0, 3, " x ", TimeSpan.Zero, Point.__Unchecked(1000, 0));
        Assert.False(Settings.IsValid(bad));
        var f = Settings.Fix(bad);
        Assert.Equal((1, 1.0, "x", (TimeSpan?)TimeSpan.FromSeconds(1), new Point(100, 0)), (f.Rounds, f.Decay, f.Name, f.Limit, f.Origin));
        Assert.True(Settings.Equiv(bad, f));
        Assert.Equal("must be at least 1, got 0", Settings.Why(nameof(Settings.Rounds), 0));
    }

    [Fact]
    public void Json_fixes_by_default_and_rejects_in_strict_mode()
    {
        const string json = """{"Rounds":0,"Decay":0.9,"Name":"  a ","Limit":null,"Origin":{"X":0,"Y":0}}""";
        var s = JsonSerializer.Deserialize<Settings>(json)!;
        Assert.Equal((1, 0.9, "a"), (s.Rounds, s.Decay, s.Name));
        var e = Assert.Throws<FixTypeJsonException>(() => JsonSerializer.Deserialize<Settings>(json, FixJson.Strict()));
        Assert.Contains("Rounds", e.Message);
        Assert.Equal(s, JsonSerializer.Deserialize<Settings>(JsonSerializer.Serialize(s)));
    }
}
