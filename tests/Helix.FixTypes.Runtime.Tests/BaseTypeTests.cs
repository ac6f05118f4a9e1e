using Helix.FixTypes.Runtime.Tests.Types;

namespace Helix.FixTypes.Runtime.Tests;

/// <summary>Each base fixtype fixes as documented (exact expected values).</summary>
public sealed class BaseTypeTests
{
    [Fact]
    public void Defaults_are_fixed_and_Default_attribute_applies()
    {
        var s = new Scalars();
        Assert.Equal(5, s.Level);
        Assert.Equal(Color.Green, s.Color);
        Assert.Equal("", s.Name);
        Assert.True(Scalars.IsValid(s));
        Assert.Same(Scalars.Default, Scalars.Fix(null));
    }

    [Fact]
    public void Assignments_fix_through_constructor_initializer_with_and_With()
    {
        var s = new Scalars { Count = -3, Level = 99, Angle = 725, Ratio = double.NaN, Name = "  ÉCOLE\u0301  " };
        Assert.Equal(0, s.Count);
        Assert.Equal(10, s.Level);
        Assert.Equal(5, s.Angle);
        Assert.Equal(0.0, s.Ratio);
        // Unicode forms need ICU; under InvariantGlobalization string.Normalize leaves non-ASCII text as it is.
        bool icu = "e\u0301".Normalize() == "\u00e9";
        Assert.Equal("\u00e9col" + (icu ? "\u00e9" : "e\u0301"), s.Name);
        Assert.Equal(1, (s with { Level = -4 }).Level);
        Assert.Equal(359, s.WithAngle(-1).Angle);
        var p = new Point(500, -500);
        Assert.Equal((100, -100), (p.X, p.Y));
    }

    [Fact]
    public void Enums_flags_bits_custom_and_registered_base_types()
    {
        var s = new Scalars { Color = (Color)42, Perm = (Perm)9, Byte = 0x1FF, Nibble = 9, Even = 7, Share = new Percent(250) };
        Assert.Equal(Color.Green, s.Color);   // [Default(Color.Green)] is also the fix target
        Assert.Equal(Perm.None, s.Perm);      // 9 has an undefined bit
        Assert.Equal(0xFF, s.Byte);
        Assert.Equal(-7, s.Nibble);           // logext 4 of 1001b
        Assert.Equal(6, s.Even);
        Assert.Equal(100, s.Share.Value);
        Assert.Equal(Perm.Read | Perm.Exec, new Scalars { Perm = Perm.Read | Perm.Exec }.Perm);
    }

    [Fact]
    public void Strings_normalize_in_order_and_keep_valid_instances()
    {
        var name = "already";
        Assert.Same(name, new Scalars { Name = name }.Name);
        Assert.Equal("abcdefghijklmnop", new Scalars { Name = "  ABCDEFGHIJKLMNOPQRST " }.Name);
        Assert.Equal("", new Scalars { Name = null! }.Name);
    }

    [Fact]
    public void Lists_fix_elements_and_compare_structurally()
    {
        var a = new Lists { Counts = FixList<int>.Of(1, -2, 3), Tags = FixList<string>.Of(" x ", "y") };
        Assert.Equal(FixList<int>.Of(1, 0, 3), a.Counts);
        Assert.Equal(FixList<string>.Of("x", "y"), a.Tags);
        var b = new Lists { Counts = FixList<int>.Of(1, 0, 3), Tags = FixList<string>.Of("x", "y ") };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        var valid = FixList<int>.Of(1, 2);
        Assert.Same(valid, new Lists { Counts = valid }.Counts);
    }

    [Fact]
    public void Maps_drop_or_fix_bad_keys_first_entry_wins()
    {
        var m = new Maps
        {
            Dropped = FixMap<string, int>.Of(("ok", 1), ("Bad", 2), ("", 3), ("neg", -5)),
            Fixed = FixMap<string, Point>.Of(("A", new Point(1, 1)), ("a", new Point(2, 2)), ("b", Point.Default)),
        };
        Assert.Equal(FixMap<string, int>.Of(("ok", 1), ("neg", 0)), m.Dropped);
        Assert.Equal(FixMap<string, Point>.Of(("a", new Point(1, 1)), ("b", Point.Default)), m.Fixed);
        Assert.Equal(FixMap<string, int>.Of(("x", 1), ("y", 2)), FixMap<string, int>.Of(("y", 2), ("x", 1)));
    }

    [Fact]
    public void Tagged_sum_kind_match_switch_and_default_case()
    {
        Shape s = new Shape.Circle { Radius = -2 };
        Assert.Equal(Shape.Kinds.Circle, s.Kind);
        Assert.Equal(0, ((Shape.Circle)s).Radius);
        Assert.Equal("circle", s.Match(_ => "empty", _ => "circle", _ => "rect"));
        string seen = "";
        new Shape.Rect { Width = 2, Height = 3 }.Switch(_ => seen = "e", _ => seen = "c", r => seen = "r" + r.Width * r.Height);
        Assert.Equal("r6", seen);
        Assert.IsType<Shape.Empty>(Shape.Fix(null));
        Assert.Equal(12L, Geometry.Area(new Shape.Rect { Width = 3, Height = 4 }));
    }

    [Fact]
    public void Default_struct_is_invalid_and_fixes()
    {
#pragma warning disable FIXT003 // on purpose: default bypasses the fixing constructor
        var p = default(Point);
#pragma warning restore FIXT003
        Assert.True(Point.IsValid(p)); // 0 is in [-100, 100]
        var s = Scalars.__Unchecked(-1, 0, 400, 2.0, false, " A ", (Color)7, (Perm)64, 300, 8, 3, new Percent(-1));
        Assert.False(Scalars.IsValid(s));
        var f = Scalars.Fix(s);
        Assert.Equal((0, 1, 40, 1.0, "a", Color.Green, Perm.None, 44, -8L, 2, 0),
            (f.Count, f.Level, f.Angle, f.Ratio, f.Name, f.Color, f.Perm, f.Byte, f.Nibble, f.Even, f.Share.Value));
    }
}
