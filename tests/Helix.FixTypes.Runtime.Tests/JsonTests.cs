using System.Text.Json;
using Helix.FixTypes.Json;
using Helix.FixTypes.Runtime.Tests.Types;

namespace Helix.FixTypes.Runtime.Tests;

/// <summary>JSON converters: fix on read by default, reject with the path of the bad field in strict mode.</summary>
public sealed class JsonTests
{
    [Fact]
    public void Lenient_read_fixes()
    {
        var p = JsonSerializer.Deserialize<Product>("""{"Origin":{"X":900,"Y":1},"Inner":{"Level":0,"Name":"  Hi "},"Id":-4}""")!;
        Assert.Equal(100, p.Origin.X);
        Assert.Equal(1, p.Inner.Level);
        Assert.Equal("hi", p.Inner.Name);
        Assert.Equal(0, p.Id);
    }

    [Fact]
    public void Strict_read_names_the_path_of_the_bad_field()
    {
        var strict = FixJson.Strict();
        var e = Assert.Throws<FixTypeJsonException>(() =>
            JsonSerializer.Deserialize<Product>("""{"Origin":{"X":1,"Y":1},"Inner":{"Level":0}}""", strict));
        Assert.Equal("$.Inner.Level", e.JsonPath);
        Assert.Equal("$.Inner.Level: 0 is not between 1 and 10", e.Message);
        var l = Assert.Throws<FixTypeJsonException>(() =>
            JsonSerializer.Deserialize<Lists>("""{"Points":[{"X":1,"Y":2},{"X":101,"Y":0}]}""", strict));
        Assert.Equal("$.Points[1].X", l.JsonPath);
        var s = Assert.Throws<FixTypeJsonException>(() => JsonSerializer.Deserialize<Shape>("""{"kind":"Hexagon"}""", strict));
        Assert.Equal("$.kind", s.JsonPath);
        var c = Assert.Throws<FixTypeJsonException>(() => JsonSerializer.Deserialize<Shape>("""{"kind":"Circle","value":{"Radius":-1}}""", strict));
        Assert.Equal("$.value.Radius", c.JsonPath);
    }

    [Fact]
    public void Naming_policy_is_respected()
    {
        var o = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        var text = JsonSerializer.Serialize(new Point(3, 4), o);
        Assert.Equal("""{"x":3,"y":4}""", text);
        Assert.Equal(new Point(3, 4), JsonSerializer.Deserialize<Point>(text, o));
    }
}
