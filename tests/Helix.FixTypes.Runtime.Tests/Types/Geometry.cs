namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>Functions that respect their arguments' equivalence: the generator emits f(Fix(x)) == f(x) checks.</summary>
public static class Geometry
{
    [RespectsEquiv]
    public static long Area(Shape s) => Shape.Fix(s).Match(_ => 0L, c => 3L * c.Radius * c.Radius, r => (long)r.Width * r.Height);

    [RespectsEquiv]
    public static int Distance(Point a, Point b)
    {
        var (p, q) = (Point.Fix(a), Point.Fix(b));
        return Math.Abs(p.X - q.X) + Math.Abs(p.Y - q.Y);
    }
}
