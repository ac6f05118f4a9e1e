using Helix.FixTypes.Runtime.Tests.Types;

namespace Helix.FixTypes.Runtime.Tests;

/// <summary>The fixtype laws for every generated kind.</summary>
public sealed class LawTests
{
    [Fact] public void Scalars_base_types() => FixLaws.Check(ScalarsGen.Raw);

    [Fact] public void Point_struct() => FixLaws.Check(PointGen.Raw);

    [Fact] public void Product_of_fixtypes_option_and_get_only_field() => FixLaws.Check(ProductGen.Raw);

    [Fact] public void Lists() => FixLaws.Check(ListsGen.Raw);

    [Fact] public void Maps() => FixLaws.Check(MapsGen.Raw, jsonOrderStable: false);

    [Fact] public void Options() => FixLaws.Check(OptionsGen.Raw);

    [Fact] public void Tagged_sum() => FixLaws.Check(ShapeGen.Raw);

    [Fact] public void Tagged_sum_case() => FixLaws.Check(ShapeCircleGen.Raw);

    [Fact] public void Recursive_group_expr() => FixLaws.Check(ExprGen.Raw);

    [Fact] public void Recursive_group_block() => FixLaws.Check(BlockGen.Raw);

    [Fact] public void Recursive_list() => FixLaws.Check(ConsGen.Raw);

    [Fact] public void Cross_field_requirement_with_repair() => FixLaws.Check(WindowGen.Raw);

    [Fact] public void Cross_field_requirement_reject_mode() => FixLaws.Check(ModelShapeGen.Raw);

    [Fact] public void Cross_field_requirement_without_repair_struct_with_nested_fixtypes() => FixLaws.Check(SegmentGen.Raw);

    [Fact] public void Cross_field_repair_that_does_not_repair_falls_back_to_default() => FixLaws.Check(CarelessGen.Raw);
}
