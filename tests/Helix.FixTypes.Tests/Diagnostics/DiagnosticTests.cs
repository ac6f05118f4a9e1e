namespace Helix.FixTypes.Tests.Diagnostics;

/// <summary>Every diagnostic, positive and negative.</summary>
public sealed class DiagnosticTests
{
    private const string Point = "[FixType] public partial record struct Point { [Range(0, 9)] public partial int X { get; init; } }\n";

    private const string Shape = """
        [FixSum] public abstract partial record Shape
        {
            [FixType, DefaultCase] public sealed partial record Empty : Shape;
            [FixType] public sealed partial record Circle : Shape { [Nat] public partial int R { get; init; } }
        }

        """;

    [Fact]
    public Task FIXT001_non_partial_or_non_record() => AnalyzerVerifier.Check("""
        [FixType] public record {|FIXT001:A|};
        [FixType] public partial class {|FIXT001:B|} { }
        [FixType] public partial record {|FIXT001:C|}<T>;
        """);

    [Fact]
    public Task FIXT001_sum_case_without_FixType() => AnalyzerVerifier.Check("""
        [FixSum] public abstract partial record S
        {
            [FixType] public sealed partial record A : S;
            public sealed partial record {|FIXT001:B|} : S;
        }
        """);

    [Fact]
    public Task FIXT001_negative() => AnalyzerVerifier.Check(Point + Shape + "[FixType] public partial record Ok;");

    [Fact]
    public Task FIXT002_plain_settable_property() => AnalyzerVerifier.Check("""
        [FixType] public partial record A
        {
            [Nat] public partial int Good { get; init; }
            public int {|FIXT002:Bad|} { get; init; }
        }
        """);

    [Fact]
    public Task FIXT002_negative_get_only_and_computed() => AnalyzerVerifier.Check("""
        [FixType] public partial record A
        {
            [Nat] public partial int Good { get; init; }
            public int Twice => 2 * Good;
        }
        """);

    [Fact]
    public Task FIXT003_default_of_struct_fixtype() => AnalyzerVerifier.Check(Point + """
        static class Use
        {
            static Point A() => {|FIXT003:default(Point)|};
            static Point B() { Point p = {|FIXT003:default|}; return p; }
        }
        """);

    [Fact]
    public Task FIXT003_negative() => AnalyzerVerifier.Check(Point + """
        static class Use
        {
            static Point A() => Point.Default;
            static Point B() => new Point(3);
            static int C() => default(int);
        }
        """);

    [Fact]
    public Task FIXT004_reflection_bypass() => AnalyzerVerifier.Check(Point + Shape + """
        static class Use
        {
            static object A() => {|FIXT004:System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(Shape.Circle))|};
            static void B() { {|FIXT004:System.Runtime.CompilerServices.Unsafe.SkipInit<Point>(out var p)|}; }
        }
        """);

    [Fact]
    public Task FIXT004_negative() => AnalyzerVerifier.Check(Point + """
        static class Use
        {
            static object A() => System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(System.Text.StringBuilder));
            static object B() => System.Activator.CreateInstance(typeof(Point))!;
        }
        """);

    [Fact]
    public Task FIXT005_non_exhaustive_switches() => AnalyzerVerifier.Check(Shape + """
        static class Use
        {
            static int A(Shape s) => {|FIXT005:s|} switch { Shape.Circle c => c.R, _ => 0 };
            static int B(Shape s) { switch ({|FIXT005:s|}) { case Shape.Empty: return 0; default: return 1; } }
            static int C(Shape s) => {|FIXT005:s.Kind|} switch { Shape.Kinds.Empty => 0, _ => 1 };
            static int D(Shape s) => {|FIXT005:s|} switch { Shape.Circle { R: > 3 } => 1, Shape.Empty => 0, _ => 2 };
        }
        """);

    [Fact]
    public Task FIXT005_negative_exhaustive() => AnalyzerVerifier.Check(Shape + """
        static class Use
        {
            static int A(Shape s) => s switch { Shape.Circle c => c.R, Shape.Empty => 0, _ => -1 };
            static int B(Shape s) => s.Kind switch { Shape.Kinds.Empty or Shape.Kinds.Circle => 0, _ => 1 };
            static int C(Shape s) { switch (s) { case Shape.Empty: case Shape.Circle: return 0; default: return 1; } }
            static int D(int x) => x switch { 1 => 0, _ => 1 };
        }
        """);

    [Fact]
    public Task FIXT006_non_fixtype_parameter() => AnalyzerVerifier.Check(Point + """
        class Use
        {
            [RespectsEquiv] public static int A(Point p, int {|FIXT006:k|}) => p.X + k;
            [RespectsEquiv] public int {|FIXT006:B|}(Point p) => p.X;
        }
        """);

    [Fact]
    public Task FIXT006_negative() => AnalyzerVerifier.Check(Point + Shape + """
        static class Use
        {
            [RespectsEquiv] public static int A(Point p, Shape s) => Point.Fix(p).X + s.Match(_ => 0, c => Shape.Circle.Fix(c).R);
        }
        """);

    [Fact]
    public Task FIXT007_cross_field_hooks_of_the_wrong_shape() => AnalyzerVerifier.Check("""
        [FixType] public partial record A
        {
            [Nat] public partial int Lo { get; init; }
            [Nat] public partial int Hi { get; init; }
            private static bool {|FIXT007:WhyAcross|}(A x) => x.Lo <= x.Hi;
            private static A {|FIXT007:FixAcross|}(A x) => x;
        }
        [FixType] public partial record B
        {
            [Nat] public partial int N { get; init; }
            private (string, string)? {|FIXT007:WhyAcross|}(B x) => null;
        }
        [FixType] public partial record C
        {
            [Nat] public partial int N { get; init; }
            private static (string, string)? WhyAcross(C x) => null;
            private static A {|FIXT007:FixAcross|}(C x) => new A();
        }
        [FixType] public partial record D
        {
            [Nat] public partial int N { get; init; }
            private static (string, int)? {|FIXT007:WhyAcross|}(D x) => null;
            private static (string, string)? {|FIXT007:WhyAcross|}(A x) => null;
        }
        """);

    [Fact]
    public Task FIXT007_negative() => AnalyzerVerifier.Check(Point + """
        [FixType] public partial record A
        {
            [Nat] public partial int Lo { get; init; }
            [Nat] public partial int Hi { get; init; }
            private static (string Property, string Reason)? WhyAcross(A x) => x.Lo <= x.Hi ? null : (nameof(Hi), "must be at least Lo");
            private static A FixAcross(A x) => x with { Lo = x.Hi, Hi = x.Lo };
        }
        [FixType] public partial record struct S
        {
            [Nat] public partial int N { get; init; }
            internal static (string, string)? WhyAcross(S s) => s.N % 2 == 0 ? null : ("N", "must be even");
        }
        class NotAFixType
        {
            static bool WhyAcross(int x) => x > 0;
            static int FixAcross(int x) => x;
        }
        """);

    [Fact]
    public Task FIXT008_default_from_names_no_usable_member() => AnalyzerVerifier.Check("""
        [FixType] public partial record A
        {
            [{|FIXT008:DefaultFrom("Missing")|}] public partial string P { get; init; }
            [{|FIXT008:DefaultFrom(nameof(Field))|}] public partial string Q { get; init; }
            [{|FIXT008:DefaultFrom(nameof(Instance))|}] public partial string R { get; init; }
            [{|FIXT008:DefaultFrom(nameof(WithArgument))|}] public partial string S { get; init; }
            private static readonly string Field = "f";
            private string Instance => "i";
            private static string WithArgument(int x) => "w";
        }
        """);

    [Fact]
    public Task FIXT008_negative() => AnalyzerVerifier.Check("""
        [FixType] public partial record A
        {
            [DefaultFrom(nameof(FromProperty))] public partial string P { get; init; }
            [DefaultFrom(nameof(FromMethod))] public partial string Q { get; init; }
            [Default("x")] public partial string R { get; init; }
            private static string FromProperty => System.IO.Path.Combine("a", "b");
            private static string FromMethod() => "m";
        }
        """);
}
