namespace Helix.FixTypes.Runtime.Tests.Types;

[Flags]
public enum Perm { None = 0, Read = 1, Write = 2, Exec = 4 }
