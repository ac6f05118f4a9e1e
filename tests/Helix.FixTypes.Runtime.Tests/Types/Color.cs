namespace Helix.FixTypes.Runtime.Tests.Types;

public enum Color { Red, Green, Blue }
